using NeuronAtlas.Core.Images;
using NeuronAtlas.FeatureVis.Render;
using NeuronAtlas.FeatureVis.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Render;

public class ModelInputNormalizationTests
{
    [Fact]
    public void ResNet18_input_is_bgr_minus_mean_over_std_and_the_adjoint_is_the_transpose()
    {
        var manifest = EmbeddedModel.ResNet18();
        var normalization = new ModelInputNormalization(manifest);
        var random = new Random(9);
        var rgb = RandomData.Uniform(random, 3 * 4, 0f, 1f);
        var tensor = new float[rgb.Length];
        normalization.Apply(rgb, tensor, planeLength: 4);
        // Tensor channel 0 is blue: (b - mean[0]) / std[0].
        Assert.Equal((rgb[2 * 4 + 1] - manifest.Preprocessing.Mean[0]) / manifest.Preprocessing.Std[0], tensor[1], 3);
        Assert.Equal((rgb[0 * 4 + 3] - manifest.Preprocessing.Mean[2]) / manifest.Preprocessing.Std[2], tensor[2 * 4 + 3], 3);

        var zero = new float[rgb.Length];
        normalization.Apply(new float[rgb.Length], zero, planeLength: 4);
        var y = RandomData.Uniform(random, rgb.Length);
        var aty = new float[rgb.Length];
        normalization.Adjoint(y, aty, planeLength: 4);
        RandomData.AssertAdjoint(tensor.Zip(zero, (a, b) => a - b).ToArray(), y, rgb, aty, "normalization");
    }
}

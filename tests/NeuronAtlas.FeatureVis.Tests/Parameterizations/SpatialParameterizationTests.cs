using NeuronAtlas.FeatureVis.Parameterizations;
using NeuronAtlas.FeatureVis.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Parameterizations;

public class SpatialParameterizationTests
{
    public static TheoryData<string> Kinds => new() { "fft-even", "fft-odd", "pixel" };

    private static ISpatialParameterization Create(string kind) => kind switch
    {
        "fft-even" => new FftImage(new ImageShape(3, 16, 16), batchSize: 2),
        "fft-odd" => new FftImage(new ImageShape(3, 9, 11), batchSize: 3, decayPower: 1.5f),
        _ => new PixelImage(new ImageShape(3, 7, 5), batchSize: 2),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DrawAdjoint_satisfies_the_inner_product_identity(string kind)
    {
        var spatial = Create(kind);
        var random = new Random(kind.Length);
        RandomData.Uniform(random, spatial.Parameters.Length).CopyTo(spatial.Parameters, 0);
        var images = new float[spatial.BatchSize * spatial.Shape.Length];
        spatial.Draw(images);
        var direction = RandomData.Uniform(random, images.Length);
        var gradient = new float[spatial.Parameters.Length];
        spatial.DrawAdjoint(direction, gradient);
        RandomData.AssertAdjoint(images, direction, spatial.Parameters, gradient, kind);
    }

    [Fact]
    public void Fft_image_starts_smooth_and_its_initialization_is_seeded()
    {
        var a = new FftImage(new ImageShape(3, 32, 32), batchSize: 1);
        var b = new FftImage(new ImageShape(3, 32, 32), batchSize: 1);
        a.InitializeItem(0, new Random(7));
        b.InitializeItem(0, new Random(7));
        Assert.Equal(a.Parameters, b.Parameters);
        var stdDev = Math.Sqrt(a.Parameters.Select(p => (double)p * p).Average());
        Assert.InRange(stdDev, 0.008, 0.012);

        // 1/f scaling: neighbouring pixels are far more alike than in white noise of the same variance.
        var image = new float[3 * 32 * 32];
        a.Draw(image);
        double variance = image.Select(v => (double)v * v).Average();
        double neighbourDifference = Enumerable.Range(0, image.Length - 1).Where(i => (i + 1) % 32 != 0)
            .Select(i => Math.Pow(image[i + 1] - image[i], 2)).Average();
        Assert.True(neighbourDifference < 0.5 * 2 * variance, $"neighbour difference {neighbourDifference} vs white-noise {2 * variance}");
    }
}

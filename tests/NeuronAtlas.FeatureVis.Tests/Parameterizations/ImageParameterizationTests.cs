using NeuronAtlas.FeatureVis.Parameterizations;
using NeuronAtlas.FeatureVis.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Parameterizations;

public class ImageParameterizationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_matches_central_finite_differences(bool decorrelate)
    {
        var random = new Random(decorrelate ? 1 : 2);
        var image = new ImageParameterization(new FftImage(new ImageShape(3, 8, 10), batchSize: 2), decorrelate);
        RandomData.Uniform(random, image.Parameters.Length, -0.3f, 0.3f).CopyTo(image.Parameters, 0);
        var weights = RandomData.Uniform(random, 2 * 3 * 8 * 10);
        double Loss() => RandomData.Dot(image.Draw(), weights);

        Loss();
        var gradient = new float[image.Parameters.Length];
        image.Backward(weights, gradient);

        foreach (var index in Enumerable.Range(0, 12).Select(_ => random.Next(image.Parameters.Length)))
        {
            const float h = 1e-2f;
            float original = image.Parameters[index];
            image.Parameters[index] = original + h;
            double plus = Loss();
            image.Parameters[index] = original - h;
            double minus = Loss();
            image.Parameters[index] = original;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[index]) <= 2e-3 * Math.Max(1, Math.Abs(numeric)),
                $"parameter {index}: finite difference {numeric}, backward {gradient[index]}");
        }
    }

    [Fact]
    public void Images_lie_in_the_unit_interval()
    {
        var image = ImageParameterization.Fft(size: 16, batchSize: 1);
        RandomData.Uniform(new Random(3), image.Parameters.Length, -50f, 50f).CopyTo(image.Parameters, 0);
        Assert.All(image.Draw().ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Colour_decorrelation_is_normalized_and_its_adjoint_is_the_transpose()
    {
        var m = ColorDecorrelation.Matrix;
        var columnNorms = Enumerable.Range(0, 3).Select(j => Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (double)m[i, j] * m[i, j]))).ToArray();
        Assert.Equal(1.0, columnNorms.Max(), 6);

        var random = new Random(4);
        var x = RandomData.Uniform(random, 2 * 3 * 5);
        var y = RandomData.Uniform(random, x.Length);
        var ax = x.ToArray();
        var aty = y.ToArray();
        ColorDecorrelation.Apply(ax, planeLength: 5);
        ColorDecorrelation.ApplyAdjoint(aty, planeLength: 5);
        RandomData.AssertAdjoint(ax, y, x, aty, "colour decorrelation");
        // Pixel 0's red: Σ_j M[0,j] · x_j over the three planes.
        Assert.Equal(m[0, 0] * x[0] + m[0, 1] * x[5] + m[0, 2] * x[10], ax[0], 6);
    }
}

using NeuronAtlas.FeatureVis.Parameterizations;
using NeuronAtlas.FeatureVis.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Parameterizations;

public class InverseRealFft2DTests
{
    [Theory]
    [InlineData(6, 8)]
    [InlineData(5, 7)]
    [InlineData(4, 9)]
    public void Inverse_matches_the_real_linear_formula(int height, int width)
    {
        var random = new Random(height * 31 + width);
        var transform = new InverseRealFft2D(height, width);
        var spectrum = RandomData.Uniform(random, transform.SpectrumLength);
        var image = new float[height * width];
        transform.Inverse(spectrum, image);

        int columns = width / 2 + 1;
        for (int n = 0; n < height; n++)
            for (int m = 0; m < width; m++)
            {
                double expected = 0;
                for (int k = 0; k < height; k++)
                    for (int l = 0; l < columns; l++)
                    {
                        double weight = l == 0 || 2 * l == width ? 1 : 2;
                        double angle = 2 * Math.PI * ((double)k * n / height + (double)l * m / width);
                        int i = 2 * (k * columns + l);
                        expected += weight * (spectrum[i] * Math.Cos(angle) - spectrum[i + 1] * Math.Sin(angle));
                    }
                expected /= Math.Sqrt(height * width);
                Assert.True(Math.Abs(expected - image[n * width + m]) < 1e-5, $"pixel ({n},{m}): {image[n * width + m]} vs {expected}");
            }
    }

    [Fact]
    public void A_hermitian_spectrum_of_a_real_image_round_trips_through_numpys_rfft2_convention()
    {
        // rfft2 of a real image, computed naively, then inverted: the image must come back.
        const int height = 8, width = 6;
        var random = new Random(5);
        var image = RandomData.Uniform(random, height * width);
        var transform = new InverseRealFft2D(height, width);
        var spectrum = new float[transform.SpectrumLength];
        int columns = transform.FrequencyColumns;
        for (int k = 0; k < height; k++)
            for (int l = 0; l < columns; l++)
            {
                double re = 0, im = 0;
                for (int n = 0; n < height; n++)
                    for (int m = 0; m < width; m++)
                    {
                        double angle = -2 * Math.PI * ((double)k * n / height + (double)l * m / width);
                        re += image[n * width + m] * Math.Cos(angle);
                        im += image[n * width + m] * Math.Sin(angle);
                    }
                double norm = Math.Sqrt(height * width);
                spectrum[2 * (k * columns + l)] = (float)(re / norm);
                spectrum[2 * (k * columns + l) + 1] = (float)(im / norm);
            }
        var back = new float[height * width];
        transform.Inverse(spectrum, back);
        for (int i = 0; i < image.Length; i++) Assert.Equal(image[i], back[i], 5);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(7, 10)]
    [InlineData(12, 5)]
    public void Adjoint_satisfies_the_inner_product_identity(int height, int width)
    {
        var random = new Random(height + 100 * width);
        var transform = new InverseRealFft2D(height, width);
        var spectrum = RandomData.Uniform(random, transform.SpectrumLength);
        var imageDirection = RandomData.Uniform(random, height * width);
        var image = new float[height * width];
        var spectrumGradient = new float[transform.SpectrumLength];
        transform.Inverse(spectrum, image);
        transform.InverseAdjoint(imageDirection, spectrumGradient);
        RandomData.AssertAdjoint(image, imageDirection, spectrum, spectrumGradient, "inverse real FFT");
    }
}

using System.Numerics;
using NeuronAtlas.FeatureVis.Parameterizations;

namespace NeuronAtlas.FeatureVis.Tests.Parameterizations;

public class ComplexFftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(100)]
    [InlineData(128)]
    public void Forward_matches_the_naive_DFT_and_inverse_round_trips(int length)
    {
        var random = new Random(length);
        var signal = Enumerable.Range(0, length).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var fft = new ComplexFft(length);

        var spectrum = signal.ToArray();
        fft.Forward(spectrum);
        for (int k = 0; k < length; k++)
        {
            var expected = Complex.Zero;
            for (int n = 0; n < length; n++) expected += signal[n] * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * n / length);
            Assert.True((spectrum[k] - expected).Magnitude < 1e-9 * length, $"bin {k}: {spectrum[k]} vs {expected}");
        }

        fft.Inverse(spectrum);
        for (int n = 0; n < length; n++)
            Assert.True((spectrum[n] / length - signal[n]).Magnitude < 1e-12 * length, $"sample {n} did not round-trip");
    }
}

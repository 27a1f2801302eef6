using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Core.Tests.Activations;

public class ActivationHistogramTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(1e-9f)]
    [InlineData(0.3f)]
    [InlineData(1f)]
    [InlineData(7.5f)]
    [InlineData(-2f)]
    [InlineData(1e9f)]
    public void Every_value_falls_in_the_bin_whose_edges_hold_it(float value)
    {
        var (lower, upper) = ActivationHistogram.BinEdges[ActivationHistogram.BinOf(value)];
        Assert.InRange(value, lower, upper);
    }

    [Fact]
    public void Encoding_round_trips() =>
        Assert.Equal([1, 0, 42, int.MaxValue], ActivationHistogram.Decode(ActivationHistogram.Encode([1, 0, 42, int.MaxValue])));
}

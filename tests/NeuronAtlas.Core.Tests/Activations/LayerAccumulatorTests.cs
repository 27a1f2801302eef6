using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Core.Tests.Activations;

public class LayerAccumulatorTests
{
    private const int Channels = 6, Positions = 4;

    private static float[] RandomBatch(Random rng, int n) =>
        Enumerable.Range(0, n * Channels * Positions).Select(_ => (float)(rng.NextDouble() * 2 - 0.5)).ToArray();

    [Fact]
    public void Keeps_the_images_with_the_highest_mean_over_positions_and_their_maps()
    {
        var rng = new Random(1);
        var data = RandomBatch(rng, 40);
        var acc = new LayerAccumulator("l", Channels, Positions, k: 3);
        acc.Add(data.AsSpan(0, 25 * Channels * Positions), 25, 0);
        acc.Add(data.AsSpan(25 * Channels * Positions), 15, 25);

        for (int c = 0; c < Channels; c++)
        {
            var means = Enumerable.Range(0, 40).Select(i => data.Skip((i * Channels + c) * Positions).Take(Positions).Average()).ToArray();
            var expected = means.Select((m, i) => (m, i)).OrderByDescending(p => p.m).Take(3).ToArray();
            var top = acc.TopK(c).Sorted();
            Assert.Equal(expected.Select(e => e.i), top.Select(t => t.ImageIndex));
            for (int r = 0; r < 3; r++)
            {
                Assert.Equal(expected[r].m, top[r].Score, 5);
                Assert.Equal(data.Skip((expected[r].i * Channels + c) * Positions).Take(Positions), top[r].Map);
            }
            var stats = acc.Statistics(c);
            Assert.Equal(40, stats.Count);
            Assert.Equal(means.Average(), stats.Mean, 5);
            Assert.Equal(means.Max(), stats.Max, 5);
            Assert.Equal(means.Count(m => m > 0) / 40.0, stats.ActiveFraction, 9);
            Assert.Equal(40, stats.Histogram.Sum());
        }
    }

    [Fact]
    public void Serialization_round_trips_exactly()
    {
        var rng = new Random(2);
        var acc = new LayerAccumulator("layer4", Channels, Positions, k: 4, channelStart: 2, channelCount: 3);
        acc.Add(RandomBatch(rng, 30), 30, 100);
        var copy = LayerAccumulator.Deserialize(acc.Serialize());
        Assert.Equal(acc.Serialize(), copy.Serialize());
        Assert.Equal(2, copy.ChannelStart);
        Assert.Equal(acc.TopK(3).Sorted().Select(e => e.ImageIndex), copy.TopK(3).Sorted().Select(e => e.ImageIndex));
    }

    [Fact]
    public void Image_shards_merge_into_the_single_pass_result()
    {
        var rng = new Random(3);
        var data = RandomBatch(rng, 60);
        int per = Channels * Positions;
        var whole = new LayerAccumulator("l", Channels, Positions, k: 5);
        whole.Add(data, 60, 0);
        var shardA = new LayerAccumulator("l", Channels, Positions, k: 5);
        shardA.Add(data.AsSpan(0, 35 * per), 35, 0);
        var shardB = new LayerAccumulator("l", Channels, Positions, k: 5);
        shardB.Add(data.AsSpan(35 * per), 25, 35);
        shardB.Merge(shardA);
        for (int c = 0; c < Channels; c++)
        {
            Assert.Equal(whole.TopK(c).Sorted().Select(e => e.ImageIndex), shardB.TopK(c).Sorted().Select(e => e.ImageIndex));
            Assert.Equal(whole.Statistics(c).Histogram, shardB.Statistics(c).Histogram);
            Assert.Equal(whole.Statistics(c).Mean, shardB.Statistics(c).Mean, 9);
        }
    }

    [Fact]
    public void Skipped_images_are_left_out()
    {
        var acc = new LayerAccumulator("l", 1, 1, k: 2);
        acc.Add([5f, 9f, 1f], 3, 0, [false, true, false]);
        Assert.Equal(2, acc.Statistics(0).Count);
        Assert.Equal([0, 2], acc.TopK(0).Sorted().Select(e => e.ImageIndex));
    }
}

using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Core.Tests.Activations;

public class StreamingTopKTests
{
    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(16, 1000, 2)]
    [InlineData(16, 10, 3)]
    [InlineData(5, 400, 4)]
    public void Streaming_top_k_equals_brute_force_on_random_data(int k, int n, int seed)
    {
        var rng = new Random(seed);
        // Rounded scores make ties common, which exercises the dataset-order tie-break.
        var scores = Enumerable.Range(0, n).Select(_ => (float)Math.Round(rng.NextDouble() * 20) / 4).ToArray();
        var topK = new StreamingTopK(k);
        for (int i = 0; i < n; i++) topK.Offer(scores[i], i, () => [scores[i]]);

        var expected = scores.Select((s, i) => (s, i)).OrderByDescending(p => p.s).ThenBy(p => p.i).Take(k).ToArray();
        var actual = topK.Sorted();
        Assert.Equal(expected.Select(e => e.i), actual.Select(a => a.ImageIndex));
        Assert.Equal(expected.Select(e => e.s), actual.Select(a => a.Score));
        Assert.All(actual, a => Assert.Equal(a.Score, a.Map[0]));
    }

    [Fact]
    public void Merging_shards_in_any_grouping_equals_one_stream()
    {
        var rng = new Random(7);
        var scores = Enumerable.Range(0, 300).Select(_ => (float)rng.Next(0, 40)).ToArray();
        StreamingTopK Range(int from, int to)
        {
            var t = new StreamingTopK(8);
            for (int i = from; i < to; i++) t.Offer(scores[i], i, () => []);
            return t;
        }
        var whole = Range(0, 300).Sorted();
        var (a, b, c) = (Range(0, 100), Range(100, 200), Range(200, 300));
        var left = Range(0, 100); left.Merge(b); left.Merge(c);           // (a + b) + c
        var bc = Range(100, 200); bc.Merge(c); var right = Range(0, 100); right.Merge(bc); // a + (b + c)
        var reversed = Range(200, 300); reversed.Merge(b); reversed.Merge(a); // c + b + a
        foreach (var merged in new[] { left, right, reversed })
            Assert.Equal(whole.Select(e => (e.Score, e.ImageIndex)), merged.Sorted().Select(e => (e.Score, e.ImageIndex)));
    }
}

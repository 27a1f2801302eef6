using NeuronAtlas.Core.Caching;

namespace NeuronAtlas.Core.Tests.Caching;

public sealed class LruCacheTests
{
    [Fact]
    public void The_cache_never_holds_more_than_its_capacity()
    {
        var cache = new LruCache<int, string>(3);

        for (int i = 0; i < 100; i++) cache.Set(i, i.ToString());

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(99, out var last));
        Assert.Equal("99", last);
        Assert.False(cache.TryGet(96, out _));
    }

    [Fact]
    public void An_entry_in_frequent_use_survives_a_stream_of_one_off_keys()
    {
        var cache = new LruCache<string, int>(4);
        cache.Set("spider", 1);

        for (int i = 0; i < 1000; i++)
        {
            cache.Set("one-off " + i, i);
            Assert.True(cache.TryGet("spider", out var value), $"evicted after {i} one-off keys");
            Assert.Equal(1, value);
        }
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void Replacing_a_key_keeps_one_entry_with_the_new_value()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("a", 3);
        cache.Set("c", 4); // evicts b, the least recently used

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(3, a);
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Concurrent_use_keeps_the_bound()
    {
        var cache = new LruCache<int, int>(16);

        Parallel.For(0, 20_000, i =>
        {
            cache.Set(i % 500, i);
            cache.TryGet((i * 7) % 500, out _);
        });

        Assert.Equal(16, cache.Count);
    }
}

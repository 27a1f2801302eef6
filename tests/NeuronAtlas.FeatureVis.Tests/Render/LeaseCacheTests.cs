using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.FeatureVis.Tests.Render;

public sealed class LeaseCacheTests
{
    private sealed class Resource(string name) : IDisposable
    {
        public string Name { get; } = name;
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void A_value_that_falls_out_unused_is_disposed_at_once()
    {
        using var cache = new LeaseCache<Resource>(capacity: 2);
        var a = new Resource("a");
        cache.Acquire("a", () => a).Dispose();
        cache.Acquire("b", () => new Resource("b")).Dispose();

        cache.Acquire("c", () => new Resource("c")).Dispose();

        Assert.True(a.Disposed);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_value_that_falls_out_while_leased_is_disposed_when_its_lease_ends()
    {
        using var cache = new LeaseCache<Resource>(capacity: 1);
        var a = new Resource("a");
        var lease = cache.Acquire("a", () => a);

        cache.Acquire("b", () => new Resource("b")).Dispose();

        Assert.False(a.Disposed, "a render still uses it");
        lease.Dispose();
        Assert.True(a.Disposed);
    }

    [Fact]
    public void A_cached_value_is_reused_and_the_most_recently_used_stays()
    {
        using var cache = new LeaseCache<Resource>(capacity: 2);
        int builds = 0;
        var a = new Resource("a");
        cache.Acquire("a", () => { builds++; return a; }).Dispose();
        cache.Acquire("b", () => new Resource("b")).Dispose();

        using (var again = cache.Acquire("a", () => { builds++; return new Resource("a2"); })) Assert.Same(a, again.Value);
        cache.Acquire("c", () => new Resource("c")).Dispose();

        Assert.Equal(1, builds);
        Assert.False(a.Disposed, "b was the least recently used");
    }

    [Fact]
    public void Disposing_the_cache_disposes_idle_values_now_and_leased_ones_when_released()
    {
        var cache = new LeaseCache<Resource>(capacity: 2);
        var idle = new Resource("idle");
        var busy = new Resource("busy");
        cache.Acquire("idle", () => idle).Dispose();
        var lease = cache.Acquire("busy", () => busy);

        cache.Dispose();

        Assert.True(idle.Disposed);
        Assert.False(busy.Disposed);
        lease.Dispose();
        Assert.True(busy.Disposed);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_key_build_it_once_and_other_keys_do_not_wait_for_that_build()
    {
        using var cache = new LeaseCache<Resource>(capacity: 4);
        cache.Acquire("ready", () => new Resource("ready")).Dispose();
        using var building = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int builds = 0;
        Resource SlowBuild()
        {
            Interlocked.Increment(ref builds);
            building.Set();
            release.Wait();
            return new Resource("slow");
        }

        var first = Task.Run(() => cache.Acquire("slow", SlowBuild));
        building.Wait();
        var second = Task.Run(() => cache.Acquire("slow", SlowBuild));
        // While "slow" is being built, another key is served: the build does not hold the cache's lock.
        using (var other = cache.Acquire("ready", () => new Resource("rebuilt"))) Assert.Equal("ready", other.Value.Name);
        release.Set();
        using var a = await first;
        using var b = await second;

        Assert.Same(a.Value, b.Value);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void A_failed_build_is_not_cached()
    {
        using var cache = new LeaseCache<Resource>(capacity: 2);

        Assert.Throws<InvalidOperationException>(() => cache.Acquire("a", () => throw new InvalidOperationException("no")));
        using var lease = cache.Acquire("a", () => new Resource("a"));

        Assert.Equal("a", lease.Value.Name);
        Assert.Equal(1, cache.Count);
    }
}

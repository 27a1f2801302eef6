using Microsoft.Extensions.Caching.Memory;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Memory cache for values read from the catalog. The catalog does not change while the app runs, so keys carry
/// the catalog version instead of expiring. Misses (null) are not cached, so unknown URLs cannot fill memory.
/// </summary>
public sealed class CatalogCache(CatalogState state, IMemoryCache cache)
{
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        string versioned = $"catalog/{state.Version}/{key}";
        if (cache.TryGetValue(versioned, out T? hit)) return hit;
        var value = await load();
        if (value is not null) cache.Set(versioned, value);
        return value;
    }
}

using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Caching;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Memory cache for values read from the catalog. The catalog does not change while the app runs, so keys carry
/// the catalog version instead of expiring. Misses (null) are not cached, so unknown URLs cannot fill memory, and
/// the cache holds at most <see cref="AtlasOptions.CatalogCacheEntries"/> values, least recently used dropped first,
/// so the many valid keys (any page size of any layer) cannot either.
/// </summary>
public sealed class CatalogCache(CatalogState state, IOptions<AtlasOptions> options)
{
    private readonly LruCache<string, object> _values = new(options.Value.CatalogCacheEntries, StringComparer.Ordinal);

    /// <summary>Values held now.</summary>
    public int Count => _values.Count;

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        string versioned = $"{state.Version}/{key}";
        if (_values.TryGet(versioned, out var hit) && hit is T typed) return typed;
        var value = await load();
        if (value is not null) _values.Set(versioned, value);
        return value;
    }
}

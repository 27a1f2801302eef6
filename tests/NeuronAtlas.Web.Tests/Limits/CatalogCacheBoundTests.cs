using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Limits;

public sealed class CatalogCacheBoundTests : IDisposable
{
    private const int Entries = 4;
    private readonly TestCatalog _catalog = new();
    private readonly AtlasWebFactory _app;

    public CatalogCacheBoundTests() =>
        _app = new AtlasWebFactory(_catalog.Path, new Dictionary<string, string?> { ["Atlas:CatalogCacheEntries"] = Entries.ToString() });

    [Fact]
    public async Task Every_page_size_of_a_layer_is_served_but_the_cache_keeps_only_its_limit()
    {
        using var client = _app.CreateAtlasClient();
        var cache = _app.Services.GetRequiredService<CatalogCache>();

        for (int pageSize = 1; pageSize <= 40; pageSize++)
        {
            var page = await client.GetOkJsonAsync($"/api/models/{TestCatalog.Model}/layers/layer4?page=1&pageSize={pageSize}");
            Assert.Equal(pageSize, page.GetProperty("neurons").GetArrayLength());
            Assert.InRange(cache.Count, 1, Entries);
        }
    }

    public void Dispose()
    {
        _app.Dispose();
        _catalog.Dispose();
    }
}

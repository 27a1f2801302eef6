using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Clip;

public sealed class ClipWarmUpTests
{
    [Fact]
    public async Task Once_the_catalog_is_open_the_default_label_embeddings_are_prepared_without_a_request()
    {
        using var catalog = new ClipTestCatalog();
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());

        using var client = app.CreateAtlasClient(); // starts the app; no lookup is made
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Cached(catalog) && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(Cached(catalog), $"no label embeddings in {catalog.ZeroShotCacheDirectory}");
    }

    private static bool Cached(ClipTestCatalog catalog) =>
        Directory.Exists(catalog.ZeroShotCacheDirectory) && Directory.EnumerateFiles(catalog.ZeroShotCacheDirectory, $"{ClipTestCatalog.Model}-*.f32").Any();
}

using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Apis;

public sealed class ImagesApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Dataset_thumbnails_are_served_by_hash_and_cached_as_immutable()
    {
        string hash = app.Catalog.ImageHashes[7];

        var response = await app.Client.GetAsync($"/images/{hash}.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        AssertImmutable(response);
        using var image = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(64, image.Width);
    }

    [Fact]
    public async Task Feature_visualizations_are_served_by_hash_and_cached_as_immutable()
    {
        var response = await app.Client.GetAsync($"/featurevis/{app.Catalog.FeatureVisualizationHash}.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        AssertImmutable(response);
    }

    [Theory]
    [InlineData("/images/0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("/images/not-a-hash.jpg")]
    [InlineData("/featurevis/0123456789abcdef0123456789abcdef.png")]
    [InlineData("/heatmaps/resnet18/layer4/3/16.png")]
    [InlineData("/heatmaps/resnet18/layer4/20/0.png")]
    public async Task Unknown_images_are_404(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Heatmaps_are_transparent_pngs_the_size_of_the_thumbnail_hotter_where_the_map_is_higher()
    {
        long version = TestCatalog.ComputedAt.ToUnixTimeMilliseconds();

        var response = await app.Client.GetAsync($"/heatmaps/resnet18/layer4/3/0.png?v={version}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        AssertImmutable(response);
        using var heatmap = Image.Load<Rgba32>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((64, 64), (heatmap.Width, heatmap.Height));
        // The test map rises from the top-left cell (0) to the bottom-right one (240 of 255).
        Assert.True(heatmap[0, 0].A < 20, $"top-left alpha {heatmap[0, 0].A}");
        Assert.True(heatmap[63, 63].A > 150, $"bottom-right alpha {heatmap[63, 63].A}");
        Assert.True(heatmap[32, 32].A > heatmap[0, 0].A && heatmap[32, 32].A < heatmap[63, 63].A);
    }

    [Fact]
    public async Task Heatmaps_without_the_current_version_are_not_immutable()
    {
        var response = await app.Client.GetAsync("/heatmaps/resnet18/layer4/3/0.png?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable") ?? false);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl?.MaxAge);
    }

    private static void AssertImmutable(HttpResponseMessage response)
    {
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
    }
}

using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.RealServer;

/// <summary>
/// The catalog, image, lookup and search endpoints through a real Kestrel server and a real HTTP connection, which
/// check headers and framing that the in-memory test server lets through.
/// </summary>
public sealed class CatalogEndpointsOnKestrelTests(KestrelWebAppFixture app) : IClassFixture<KestrelWebAppFixture>
{
    [Fact]
    public async Task The_catalog_json_lists_the_models_and_serves_a_neuron()
    {
        var models = await app.Client.GetOkJsonAsync("/api/models");
        var neuron = await app.Client.GetOkJsonAsync($"/api/models/{TestCatalog.Model}/layers/layer4/neurons/{TestCatalog.LabelledNeuron}");

        Assert.Contains(models.EnumerateArray(), m => m.GetProperty("id").GetString() == TestCatalog.Model);
        Assert.Equal(TestCatalog.NoteLabel, neuron.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Dataset_images_feature_visualizations_and_heatmaps_are_served()
    {
        var thumbnail = await app.Client.GetAsync($"/images/{app.Catalog.ImageHashes[7]}.jpg");
        var featureVis = await app.Client.GetAsync($"/featurevis/{app.Catalog.FeatureVisualizationHash}.png");
        var heatmap = await app.Client.GetAsync($"/heatmaps/{TestCatalog.Model}/layer4/3/0.png");

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using (var image = Image.Load<Rgb24>(await thumbnail.Content.ReadAsByteArrayAsync())) Assert.Equal(64, image.Width);
        Assert.Equal(HttpStatusCode.OK, featureVis.StatusCode);
        Assert.Equal("image/png", featureVis.Content.Headers.ContentType?.MediaType);
        Assert.True(heatmap.StatusCode == HttpStatusCode.OK, await heatmap.Content.ReadAsStringAsync());
        Assert.Equal("image/png", heatmap.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lookup_ranks_neurons_of_every_layer()
    {
        var result = await app.Client.PostOkJsonAsync($"/api/lookup?model={TestCatalog.Model}&top=3",
            LookupRequests.Multipart(TestImages.Jpeg(), "photo.jpg", "image/jpeg"));

        Assert.Equal(TestCatalog.Model, result.GetProperty("modelId").GetString());
        Assert.All(result.GetProperty("layers").EnumerateArray(), layer => Assert.Equal(3, layer.GetProperty("neurons").GetArrayLength()));
    }

    [Fact]
    public async Task A_search_finds_the_labelled_neuron()
    {
        var result = await app.Client.GetOkJsonAsync($"/api/search?q={TestCatalog.AutoLabel}");

        var first = result.GetProperty("hits")[0];
        Assert.Equal(("layer4", TestCatalog.AutoLabelledNeuron), (first.GetProperty("layerId").GetString(), first.GetProperty("index").GetInt32()));
    }
}

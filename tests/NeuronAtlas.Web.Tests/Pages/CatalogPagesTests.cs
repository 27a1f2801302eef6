using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Pages;

public sealed class CatalogPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Home_lists_every_model_with_a_link()
    {
        var html = await app.Client.GetOkStringAsync("/");

        var links = Html.Hrefs(html);
        Assert.Contains("/models/resnet18", links);
        Assert.Contains("/models/tinynet", links);
        Assert.True(html.IndexOf("ResNet18 (ImageNet)", StringComparison.Ordinal) < html.IndexOf("TinyNet", StringComparison.Ordinal),
            "models are listed by display name");
        Assert.Contains("960 neurons", html);
    }

    [Fact]
    public async Task Model_page_lists_its_layers_input_side_first()
    {
        var html = await app.Client.GetOkStringAsync("/models/resnet18");

        var layerLinks = Html.Hrefs(html).Where(h => h.StartsWith("/models/resnet18/layer")).ToList();
        Assert.Equal(["/models/resnet18/layer1", "/models/resnet18/layer2", "/models/resnet18/layer3", "/models/resnet18/layer4"], layerLinks);
        Assert.Contains("layer3 (stage 3 output)", html);
    }

    [Fact]
    public async Task Layer_page_shows_128_neurons_per_page_in_index_order_with_their_top_example()
    {
        var html = await app.Client.GetOkStringAsync("/models/resnet18/layer4");

        var neuronLinks = NeuronLinks(html, "layer4");
        Assert.Equal(Enumerable.Range(0, 128).Select(i => $"/models/resnet18/layer4/{i}"), neuronLinks);
        var thumbnails = Html.ImageSources(html, "atlas-thumb-image");
        Assert.Equal(128, thumbnails.Count);
        Assert.Equal($"/images/{app.Catalog.ExampleImage(0, 0)}.jpg", thumbnails[0]);
        Assert.Contains("neuron 3: " + TestCatalog.NoteLabel, html);
        Assert.Contains("href=\"/models/resnet18/layer4?page=4\"", html);
    }

    [Fact]
    public async Task Layer_page_shows_a_neurons_feature_visualization_instead_of_its_top_example_when_it_has_one()
    {
        var html = await app.Client.GetOkStringAsync("/models/resnet18/layer4");

        var thumbnails = Html.ImageSources(html, "atlas-thumb-image");
        Assert.Equal($"/featurevis/{app.Catalog.FeatureVisualizationHash}.png", thumbnails[TestCatalog.VisualizedNeuron]);
        Assert.Equal([$"/featurevis/{app.Catalog.FeatureVisualizationHash}.png"], Html.ImageSources(html, "atlas-thumb-featurevis"));
        Assert.Equal($"/images/{app.Catalog.ExampleImage(2, 0)}.jpg", thumbnails[2]);
    }

    [Fact]
    public async Task Layer_pages_page_through_all_neurons_and_stop_after_the_last()
    {
        var last = await app.Client.GetOkStringAsync("/models/resnet18/layer4?page=4");
        var beyond = await app.Client.GetAsync("/models/resnet18/layer4?page=5");

        Assert.Equal(Enumerable.Range(384, 128).Select(i => $"/models/resnet18/layer4/{i}"), NeuronLinks(last, "layer4"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task Layer_page_blurs_a_flagged_top_example()
    {
        var html = await app.Client.GetOkStringAsync("/models/resnet18/layer4");

        Assert.Contains($"<a class=\"atlas-neuron-tile\" href=\"/models/resnet18/layer4/{TestCatalog.FlaggedImage}\"", html);
        Assert.Contains("atlas-thumb atlas-flagged", html);
    }

    [Theory]
    [InlineData("/models/nomodel")]
    [InlineData("/models/resnet18/nolayer")]
    [InlineData("/no/such/page/at/all")]
    public async Task Unknown_models_and_layers_are_404(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }

    private static List<string> NeuronLinks(string html, string layer) =>
        Html.Hrefs(html).Where(h => h.StartsWith($"/models/resnet18/{layer}/")).Distinct().ToList();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Apis;

public sealed class CatalogApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Lists_the_models_with_their_size_and_links()
    {
        var models = await app.Client.GetOkJsonAsync("/api/models");

        Assert.Equal(["resnet18", "tinynet"], models.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var resnet = models[0];
        Assert.Equal(4, resnet.GetProperty("layerCount").GetInt32());
        Assert.Equal(64 + 128 + 256 + 512, resnet.GetProperty("neuronCount").GetInt32());
        Assert.Equal("/models/resnet18", resnet.GetProperty("url").GetString());
        Assert.Equal("/api/models/resnet18", resnet.GetProperty("apiUrl").GetString());
        Assert.Equal(TestCatalog.ComputedAt, resnet.GetProperty("computedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_model_lists_its_layers_in_order_with_their_shapes()
    {
        var model = await app.Client.GetOkJsonAsync("/api/models/resnet18");

        var layers = model.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["layer1", "layer2", "layer3", "layer4"], layers.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal([64, 128, 256, 512], layers.Select(l => l.GetProperty("channels").GetInt32()));
        Assert.Equal(7, layers[3].GetProperty("height").GetInt32());
        Assert.Equal("/api/models/resnet18/layers/layer4", layers[3].GetProperty("apiUrl").GetString());
    }

    [Fact]
    public async Task A_layer_pages_its_neurons()
    {
        var page = await app.Client.GetOkJsonAsync("/api/models/resnet18/layers/layer4?page=2&pageSize=100");

        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(6, page.GetProperty("pageCount").GetInt32());
        Assert.Equal(512, page.GetProperty("neuronCount").GetInt32());
        var neurons = page.GetProperty("neurons").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(100, 100), neurons.Select(n => n.GetProperty("index").GetInt32()));
        Assert.Equal("/models/resnet18/layer4/100", neurons[0].GetProperty("url").GetString());
        Assert.Equal(TestCatalog.MaxOf("layer4", 100), neurons[0].GetProperty("max").GetSingle());
        Assert.Equal($"/images/{app.Catalog.ImageHashes[100 % TestCatalog.ImageCount]}.jpg", neurons[0].GetProperty("topExampleUrl").GetString());
    }

    [Fact]
    public async Task A_neuron_has_its_examples_in_rank_order_stats_histogram_label_and_notes()
    {
        var neuron = await app.Client.GetOkJsonAsync("/api/models/resnet18/layers/layer4/neurons/3");

        Assert.Equal(3, neuron.GetProperty("index").GetInt32());
        Assert.Equal(TestCatalog.NoteLabel, neuron.GetProperty("label").GetString());
        Assert.Equal(TestCatalog.MaxOf("layer4", 3), neuron.GetProperty("stats").GetProperty("max").GetSingle());
        var examples = neuron.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, TestCatalog.ExampleCount), examples.Select(e => e.GetProperty("rank").GetInt32()));
        Assert.Equal(Enumerable.Range(0, TestCatalog.ExampleCount).Select(r => app.Catalog.ExampleImage(3, r)),
            examples.Select(e => e.GetProperty("imageHash").GetString()));
        Assert.Equal(Enumerable.Range(0, TestCatalog.ExampleCount).Select(r => TestCatalog.ActivationOf("layer4", 3, r)),
            examples.Select(e => e.GetProperty("activation").GetSingle()));
        Assert.Equal($"/images/{app.Catalog.ExampleImage(3, 0)}.jpg", examples[0].GetProperty("imageUrl").GetString());
        Assert.StartsWith("/heatmaps/resnet18/layer4/3/0.png?v=", examples[0].GetProperty("heatmapUrl").GetString());

        var histogram = neuron.GetProperty("histogram").EnumerateArray().ToList();
        var zero = histogram.Single(b => b.GetProperty("lower").ValueKind == JsonValueKind.Number
            && b.GetProperty("lower").GetDouble() == 0 && b.GetProperty("upper").GetDouble() == 0);
        Assert.Equal(6, zero.GetProperty("count").GetInt32());
        Assert.Equal(18, histogram.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(ActivationHistogram.BinEdges[ActivationHistogram.BinOf(0.3f)].Lower,
            histogram.Single(b => b.GetProperty("count").GetInt32() == 10).GetProperty("lower").GetDouble());

        Assert.Equal(TestCatalog.NoteMarkdown, neuron.GetProperty("notesMarkdown").GetString());
        Assert.Contains("&lt;script&gt;", neuron.GetProperty("notesHtml").GetString());
        Assert.Equal("/models/resnet18/layer4/2", neuron.GetProperty("previousUrl").GetString());
        Assert.Equal("/models/resnet18/layer4/4", neuron.GetProperty("nextUrl").GetString());
    }

    [Fact]
    public async Task A_neuron_carries_its_feature_visualization_facets_and_visualize_link()
    {
        var neuron = await app.Client.GetOkJsonAsync($"/api/models/resnet18/layers/layer4/neurons/{TestCatalog.VisualizedNeuron}");

        Assert.Equal($"/featurevis/{app.Catalog.FeatureVisualizationHash}.png", neuron.GetProperty("featureVisualizationUrl").GetString());
        Assert.Equal(TestCatalog.VisualizationActivation, neuron.GetProperty("featureVisualizationActivation").GetSingle());
        var facets = neuron.GetProperty("facets").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], facets.Select(f => f.GetProperty("facet").GetInt32()));
        Assert.Equal(app.Catalog.FacetHashes.Select(h => $"/featurevis/{h}.png"), facets.Select(f => f.GetProperty("url").GetString()));
        Assert.Equal(Enumerable.Range(0, 4).Select(TestCatalog.FacetActivation), facets.Select(f => f.GetProperty("activation").GetSingle()));
        Assert.Equal("/visualize?model=resnet18&objective=layer4%3A1", neuron.GetProperty("visualizeUrl").GetString());

        var facetImage = await app.Client.GetAsync(facets[2].GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, facetImage.StatusCode);
        Assert.Equal("image/png", facetImage.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_neuron_carries_its_text_examples_and_automatic_label_with_confidence()
    {
        var neuron = await app.Client.GetOkJsonAsync($"/api/models/resnet18/layers/layer4/neurons/{TestCatalog.AutoLabelledNeuron}");

        Assert.Equal(TestCatalog.AutoLabel, neuron.GetProperty("label").GetString());
        Assert.Equal("auto", neuron.GetProperty("labelSource").GetString());
        Assert.Equal(TestCatalog.AutoLabelConfidence, neuron.GetProperty("labelConfidence").GetSingle());
        var texts = neuron.GetProperty("textExamples").EnumerateArray().ToList();
        Assert.Equal(TestCatalog.TextExamples, texts.Select(t => t.GetProperty("text").GetString()));
        Assert.Equal(Enumerable.Range(0, 16), texts.Select(t => t.GetProperty("rank").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 16).Select(TestCatalog.TextScore), texts.Select(t => t.GetProperty("score").GetSingle()));
        Assert.Empty(neuron.GetProperty("facets").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, neuron.GetProperty("featureVisualizationUrl").ValueKind);
    }

    [Fact]
    public async Task A_note_label_has_no_confidence()
    {
        var neuron = await app.Client.GetOkJsonAsync($"/api/models/resnet18/layers/layer4/neurons/{TestCatalog.LabelledNeuron}");

        Assert.Equal("note", neuron.GetProperty("labelSource").GetString());
        Assert.Equal(JsonValueKind.Null, neuron.GetProperty("labelConfidence").ValueKind);
        Assert.Empty(neuron.GetProperty("textExamples").EnumerateArray());
    }

    [Fact]
    public async Task A_neuron_without_examples_or_notes_has_empty_lists_and_nulls()
    {
        var neuron = await app.Client.GetOkJsonAsync("/api/models/resnet18/layers/layer1/neurons/0");

        Assert.Empty(neuron.GetProperty("examples").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, neuron.GetProperty("notesHtml").ValueKind);
        Assert.Equal(JsonValueKind.Null, neuron.GetProperty("previousUrl").ValueKind);
    }

    [Theory]
    [InlineData("/api/models/nomodel")]
    [InlineData("/api/models/resnet18/layers/nolayer")]
    [InlineData("/api/models/resnet18/layers/layer4?page=99")]
    [InlineData("/api/models/resnet18/layers/layer4/neurons/512")]
    public async Task Unknown_things_are_404_problems(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=513")]
    public async Task Bad_paging_is_a_400_problem(string query)
    {
        var response = await app.Client.GetAsync($"/api/models/resnet18/layers/layer4?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

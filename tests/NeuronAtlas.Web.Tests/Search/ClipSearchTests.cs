using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Search;

public sealed class ClipSearchTests(ClipAppFixture app) : IClassFixture<ClipAppFixture>
{
    [Fact]
    public async Task Spider_finds_the_neuron_labelled_spider_first_with_a_clip_similarity_and_a_text_match()
    {
        var result = await app.Client.GetOkJsonAsync("/api/search?q=spider");

        Assert.Equal([ClipTestCatalog.Model], result.GetProperty("semanticModels").EnumerateArray().Select(m => m.GetString()));
        var hits = result.GetProperty("hits").EnumerateArray().ToList();
        var first = hits[0];
        Assert.Equal((ClipTestCatalog.Model, ClipTestCatalog.Layer, ClipTestCatalog.SpiderNeuron),
            (first.GetProperty("modelId").GetString(), first.GetProperty("layerId").GetString(), first.GetProperty("index").GetInt32()));
        Assert.Equal("spider", first.GetProperty("label").GetString());
        Assert.Equal(2.5f, first.GetProperty("lexical").GetSingle()); // exact label, and "spider" is one of its top phrases
        Assert.NotEqual(0f, first.GetProperty("semantic").GetSingle());
        Assert.Equal(first.GetProperty("semantic").GetSingle() + 2.5f, first.GetProperty("score").GetSingle(), 1e-5f);
        Assert.Equal($"/models/{ClipTestCatalog.Model}/{ClipTestCatalog.Layer}/{ClipTestCatalog.SpiderNeuron}", first.GetProperty("url").GetString());
        Assert.StartsWith("/images/", first.GetProperty("thumbnailUrl").GetString());

        var web = hits.Single(h => h.GetProperty("index").GetInt32() == ClipTestCatalog.SpiderWebNeuron && h.GetProperty("layerId").GetString() == ClipTestCatalog.Layer);
        Assert.Equal(1f, web.GetProperty("lexical").GetSingle());
        var scores = hits.Select(h => h.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Neurons_without_a_label_or_phrases_do_not_match_and_top_limits_the_hits()
    {
        var result = await app.Client.GetOkJsonAsync("/api/search?q=pizza&top=2");

        var hits = result.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(2, hits.Count);
        Assert.Equal(ClipTestCatalog.PizzaNeuron, hits[0].GetProperty("index").GetInt32());
        Assert.Equal("note", hits[0].GetProperty("labelSource").GetString());
        Assert.All(hits, h => Assert.NotEqual(JsonValueKind.Null, h.GetProperty("label").ValueKind));
    }
}

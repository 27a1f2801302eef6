using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Search;

public sealed class SearchTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Without_a_text_encoder_search_ranks_by_text_match_alone()
    {
        var result = await app.Client.GetOkJsonAsync("/api/search?q=Spider&model=resnet18");

        Assert.Empty(result.GetProperty("semanticModels").EnumerateArray());
        var hits = result.GetProperty("hits").EnumerateArray().ToList();
        var hit = Assert.Single(hits);
        Assert.Equal(("layer4", TestCatalog.AutoLabelledNeuron), (hit.GetProperty("layerId").GetString(), hit.GetProperty("index").GetInt32()));
        Assert.Equal(0f, hit.GetProperty("semantic").GetSingle());
        Assert.Equal(2.5f, hit.GetProperty("score").GetSingle());
        Assert.Equal("/api/models/resnet18/layers/layer4/neurons/2", hit.GetProperty("apiUrl").GetString());
    }

    [Fact]
    public async Task A_word_of_a_label_matches_and_the_hit_shows_its_feature_visualization_or_top_example()
    {
        var result = await app.Client.GetOkJsonAsync("/api/search?q=circles");

        var hit = Assert.Single(result.GetProperty("hits").EnumerateArray());
        Assert.Equal(TestCatalog.LabelledNeuron, hit.GetProperty("index").GetInt32());
        Assert.Equal(1f, hit.GetProperty("lexical").GetSingle());
        Assert.Equal($"/images/{app.Catalog.ExampleImage(TestCatalog.LabelledNeuron, 0)}.jpg", hit.GetProperty("thumbnailUrl").GetString());
    }

    [Fact]
    public async Task Search_answers_are_publicly_cacheable_per_catalog_version()
    {
        var response = await app.Client.GetAsync("/api/search?q=spider");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/search", 400)]
    [InlineData("/api/search?q=%20%20", 400)]
    [InlineData("/api/search?q=spider&top=0", 400)]
    [InlineData("/api/search?q=spider&top=101", 400)]
    [InlineData("/api/search?q=spider&model=nomodel", 404)]
    public async Task Bad_searches_are_problems(string url, int status)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_search_page_renders_its_hits_without_a_live_connection()
    {
        var html = await app.Client.GetOkStringAsync("/search?q=spider");

        Assert.Contains("/models/resnet18/layer4/2", Html.Hrefs(html));
        Assert.Contains("1 neurons match", html);
        Assert.Contains("score 2.50 = 0.00 semantic + 2.50 text match", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_that_works_without_javascript()
    {
        var html = await app.Client.GetOkStringAsync("/models/resnet18");

        Assert.Contains("<form method=\"get\" action=\"/search\" class=\"atlas-header-search\"", html);
        Assert.Contains("name=\"q\"", html);
    }
}

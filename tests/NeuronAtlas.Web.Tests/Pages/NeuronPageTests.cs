using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Pages;

public sealed class NeuronPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Neuron3 = "/models/resnet18/layer4/3";

    [Fact]
    public async Task Shows_the_top_examples_in_rank_order_with_their_activations()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        var images = Html.ImageSources(html, "atlas-example-image");
        var expected = Enumerable.Range(0, TestCatalog.ExampleCount).Select(r => $"/images/{app.Catalog.ExampleImage(3, r)}.jpg").ToList();
        Assert.Equal(expected, images);
        for (int rank = 0; rank < TestCatalog.ExampleCount; rank++)
        {
            string value = TestCatalog.ActivationOf("layer4", 3, rank).ToString("0.###", CultureInfo.InvariantCulture);
            Assert.Contains($">{value}</span>", html);
        }
    }

    [Fact]
    public async Task Offers_a_heatmap_overlay_per_example_behind_a_css_toggle()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Contains("type=\"checkbox\" id=\"heatmap-toggle\"", html);
        var heatmaps = Html.ImageSources(html, "atlas-heatmap");
        long version = TestCatalog.ComputedAt.ToUnixTimeMilliseconds();
        Assert.Equal(Enumerable.Range(0, TestCatalog.ExampleCount).Select(r => $"/heatmaps/resnet18/layer4/3/{r}.png?v={version}"), heatmaps);
    }

    [Fact]
    public async Task Shows_label_stats_histogram_and_neighbour_links()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Contains(TestCatalog.NoteLabel, html);
        Assert.Contains(TestCatalog.MaxOf("layer4", 3).ToString("0.####", CultureInfo.InvariantCulture), html);
        Assert.Contains("class=\"atlas-histogram\"", html);
        Assert.Contains("exactly 0: 6 images", html); // 3 + 3 % 5 zeros were recorded for neuron 3
        var links = Html.Hrefs(html);
        Assert.Contains("/models/resnet18/layer4/2", links);
        Assert.Contains("/models/resnet18/layer4/4", links);
        Assert.Contains("/api/models/resnet18/layers/layer4/neurons/3", links);
    }

    [Fact]
    public async Task First_and_last_neurons_have_one_neighbour()
    {
        var first = Html.Hrefs(await app.Client.GetOkStringAsync("/models/resnet18/layer4/0"));
        var last = Html.Hrefs(await app.Client.GetOkStringAsync("/models/resnet18/layer4/511"));

        Assert.DoesNotContain("/models/resnet18/layer4/-1", first);
        Assert.Contains("/models/resnet18/layer4/1", first);
        Assert.Contains("/models/resnet18/layer4/510", last);
        Assert.DoesNotContain("/models/resnet18/layer4/512", last);
    }

    [Fact]
    public async Task Carries_OpenGraph_and_Twitter_card_tags_with_absolute_urls()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Equal($"http://localhost{Neuron3}", Html.Meta(html, "og:url"));
        Assert.Contains("neuron 3", Html.Meta(html, "og:title"));
        Assert.Contains(TestCatalog.NoteLabel, Html.Meta(html, "og:title"));
        Assert.False(string.IsNullOrWhiteSpace(Html.Meta(html, "og:description")));
        Assert.Equal($"http://localhost/images/{app.Catalog.ExampleImage(3, 0)}.jpg", Html.Meta(html, "og:image"));
        Assert.Equal("summary_large_image", Html.Meta(html, "twitter:card"));
        Assert.Contains($"value=\"http://localhost{Neuron3}\"", html); // the copy-link field
    }

    [Fact]
    public async Task Prefers_the_feature_visualization_as_preview_image()
    {
        var html = await app.Client.GetOkStringAsync($"/models/resnet18/layer4/{TestCatalog.VisualizedNeuron}");

        Assert.Equal($"http://localhost/featurevis/{app.Catalog.FeatureVisualizationHash}.png", Html.Meta(html, "og:image"));
    }

    [Fact]
    public async Task Leads_with_the_feature_visualization_then_its_four_facets_then_the_dataset_examples()
    {
        var html = await app.Client.GetOkStringAsync($"/models/resnet18/layer4/{TestCatalog.VisualizedNeuron}");

        Assert.Equal([$"/featurevis/{app.Catalog.FeatureVisualizationHash}.png"], Html.ImageSources(html, "atlas-featurevis-image"));
        Assert.Equal(app.Catalog.FacetHashes.Select(h => $"/featurevis/{h}.png"), Html.ImageSources(html, "atlas-facet-image"));
        int vis = html.IndexOf("atlas-featurevis-image", StringComparison.Ordinal);
        int facets = html.IndexOf("atlas-facet-image", StringComparison.Ordinal);
        int examples = html.IndexOf("atlas-example-image", StringComparison.Ordinal);
        Assert.True(vis < facets && facets < examples, "feature visualization, then facets, then dataset examples");
        Assert.Contains("activation 7.25", html);
        Assert.Contains("href=\"/visualize?model=resnet18&amp;objective=layer4%3A1\"", html);
    }

    [Fact]
    public async Task A_neuron_without_feature_visualization_offers_to_render_one_live()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Empty(Html.ImageSources(html, "atlas-featurevis-image"));
        Assert.Contains("No feature visualization has been computed", html);
        Assert.Contains("/visualize?model=resnet18&objective=layer4%3A3", Html.Hrefs(html));
    }

    [Fact]
    public async Task Shows_the_text_examples_with_scores_and_the_automatic_label_with_its_confidence()
    {
        var html = await app.Client.GetOkStringAsync($"/models/resnet18/layer4/{TestCatalog.AutoLabelledNeuron}");

        var phrases = Regex.Matches(html, "<span class=\"atlas-text-example-text\">([^<]*)</span>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(TestCatalog.TextExamples, phrases);
        Assert.Contains($">{TestCatalog.TextScore(5).ToString("0.###", CultureInfo.InvariantCulture)}</span>", html);
        Assert.Contains(TestCatalog.AutoLabel, html);
        Assert.Contains("automatic label (CLIP-Dissect similarity 0.42)", html);
    }

    [Fact]
    public async Task A_note_label_says_it_comes_from_the_notes_and_no_text_section_shows_without_text_examples()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Contains("from the notes", html);
        Assert.DoesNotContain("atlas-text-examples", html);
    }

    [Fact]
    public async Task Renders_notes_from_markdown_with_raw_html_escaped_and_script_links_disarmed()
    {
        var html = await app.Client.GetOkStringAsync(Neuron3);

        Assert.Contains("<strong>round things</strong>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
        Assert.DoesNotContain("<b onclick", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("href=\"https://example.org/circles\"", html);
    }

    [Fact]
    public async Task Blurs_flagged_examples()
    {
        var html = await app.Client.GetOkStringAsync($"/models/resnet18/layer4/{TestCatalog.FlaggedImage}");

        Assert.Contains("atlas-example-frame atlas-flagged", html);
        Assert.Contains("show flagged image", html);
    }

    [Theory]
    [InlineData("/models/resnet18/layer4/512")]
    [InlineData("/models/resnet18/nolayer/0")]
    [InlineData("/models/nomodel/layer4/0")]
    public async Task Unknown_neurons_are_404(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }
}

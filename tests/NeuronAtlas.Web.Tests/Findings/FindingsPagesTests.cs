using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Findings;

public sealed class FindingsPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Page = "/models/resnet18/findings";

    [Fact]
    public async Task The_findings_json_has_the_census_zero_shot_attack_probes_and_families_with_baselines()
    {
        var findings = await app.Client.GetOkJsonAsync("/api/models/resnet18/findings");

        Assert.Equal("resnet18", findings.GetProperty("model").GetString());
        var census = findings.GetProperty("figures").GetProperty("lastBlock").GetProperty("census");
        Assert.Equal(2, census.GetProperty("count").GetInt32());
        Assert.Equal([TestFindings.SpiderUnit, TestFindings.BusUnit], census.GetProperty("best").EnumerateArray().Select(u => u.GetProperty("unit").GetInt32()));
        Assert.Equal(8, findings.GetProperty("figures").GetProperty("lastBlock").GetProperty("shuffle").GetProperty("percentile99").GetDouble());
        Assert.Equal(5, findings.GetProperty("figures").GetProperty("attentionPool").GetProperty("rotation").GetProperty("max").GetInt32());
        var baseline = Assert.Single(findings.GetProperty("baselines").EnumerateArray());
        Assert.Equal(TestFindings.Baseline, baseline.GetProperty("role").GetString());
        Assert.Equal(0.837, findings.GetProperty("figures").GetProperty("zeroShot")[0].GetProperty("top1").GetDouble());
        Assert.Equal(30, findings.GetProperty("typographic").GetProperty("rows")[0].GetProperty("flipped").GetInt32());
        Assert.Equal(0.8, findings.GetProperty("probes").GetProperty("budgets")[0].GetProperty("accuracy").GetDouble());
        Assert.Equal("Animals & Nature", findings.GetProperty("families")[0].GetProperty("group").GetString());
    }

    [Fact]
    public async Task A_model_without_findings_gets_a_404_problem()
    {
        var response = await app.Client.GetAsync("/api/models/tinynet/findings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/models/tinynet/findings")).StatusCode);
    }

    [Fact]
    public async Task The_findings_page_is_server_rendered_with_every_figure_and_links_units_to_their_neuron_pages()
    {
        var html = await app.Client.GetStringAsync(Page);

        Assert.Contains("Multimodal census", html);
        Assert.Contains("83.7% / 94.0%", html);   // model zero-shot on the held-out style
        Assert.Contains("0.3% / 94.0%", html);    // the baseline's
        Assert.Contains("2.4 / 8", html);          // shuffle mean / p99
        Assert.Contains("3.5 / 5", html);          // rotation mean / max
        Assert.Contains("12.0%", html);            // 30 of 250 flipped
        Assert.Contains("8.5%", html);             // pixel share
        var links = Html.Hrefs(html);
        Assert.Contains($"/models/resnet18/{TestFindings.Layer}/{TestFindings.SpiderUnit}", links);
        Assert.Contains($"/models/resnet18/{TestFindings.Layer}/{TestFindings.BusUnit}", links);
        Assert.Contains($"/models/resnet18/{TestFindings.Layer}/{TestFindings.ProbeUnit}", links); // a probe's unit
        Assert.Contains("/models/resnet18/findings/families", links);
        Assert.Contains($"unit {TestFindings.PoolUnit}</span>: salt", html); // the pool's units are no catalog layer: named, not linked
        Assert.DoesNotContain(links, l => l.EndsWith($"/{TestFindings.PoolUnit}", StringComparison.Ordinal));
        Assert.Contains("/api/models/resnet18/findings", links);
    }

    [Fact]
    public async Task The_family_index_lists_each_family_with_its_units()
    {
        var html = await app.Client.GetStringAsync("/models/resnet18/findings/families");

        Assert.Contains("Animals &amp; Nature", html);
        Assert.Contains("Travel &amp; Places", html);
        var links = Html.Hrefs(html);
        Assert.Contains($"/models/resnet18/{TestFindings.Layer}/{TestFindings.SpiderUnit}", links);
        Assert.Contains("#family-travel---places", links);
    }

    [Fact]
    public async Task The_model_page_links_its_findings_only_when_there_are_some()
    {
        Assert.Contains(Page, Html.Hrefs(await app.Client.GetStringAsync("/models/resnet18")));
        Assert.DoesNotContain("/models/tinynet/findings", Html.Hrefs(await app.Client.GetStringAsync("/models/tinynet")));
    }
}

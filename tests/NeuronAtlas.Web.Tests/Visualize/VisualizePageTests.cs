using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Visualize;

/// <summary>The /visualize page as first served (before its live connection): the form, the syntax help and objective errors.</summary>
public sealed class VisualizePageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_page_offers_the_models_with_a_manifest_and_documents_the_objective_syntax()
    {
        var html = WebUtility.HtmlDecode(await app.Client.GetOkStringAsync("/visualize"));

        Assert.Contains("<option value=\"resnet18\"", html);
        Assert.DoesNotContain("<option value=\"tinynet\"", html); // in the catalog, but without a manifest
        Assert.Contains("name=\"objective\"", html);
        Assert.Contains("max=\"512\"", html); // Visualize:MaxSteps
        Assert.Contains("<code>layer:channel</code>", html);
        Assert.Contains("<code>neuron(layer:channel)</code>", html);
        Assert.Contains("<td><code>layer4</code></td><td>0–511</td>", html);
        Assert.DoesNotContain("text:\"a spider\"", html); // ResNet18 has no text encoder
        Assert.Contains("data-state=\"idle\"", html);
    }

    [Fact]
    public async Task An_address_with_settings_fills_the_form()
    {
        var html = WebUtility.HtmlDecode(await app.Client.GetOkStringAsync("/visualize?model=resnet18&objective=layer4%3A12%20%2B%20layer4%3A40&seed=7&steps=64&size=96"));

        Assert.Contains("value=\"layer4:12 + layer4:40\"", html);
        Assert.Contains("value=\"7\"", html);
        Assert.Contains("value=\"64\"", html);
        Assert.Contains("<option value=\"96\" selected", html);
        Assert.DoesNotContain("atlas-objective-error", html);
    }

    [Fact]
    public async Task A_nonsense_objective_in_the_address_shows_the_problem_and_where_it_is()
    {
        var html = WebUtility.HtmlDecode(await app.Client.GetOkStringAsync("/visualize?model=resnet18&objective=layer4%3A12%20%2B%20%2A"));

        Assert.Contains("atlas-objective-error", html);
        Assert.Contains("Cannot read the objective:</strong> Expected a layer:channel, a number, a function or '(' but found '*' (at position 13).", html);
        Assert.Contains("layer4:12 + *\n            ^</pre>", html);
        Assert.Contains("data-state=\"error\"", html);
    }

    [Fact]
    public async Task Steps_beyond_the_cap_are_refused_with_the_limit()
    {
        var html = await app.Client.GetOkStringAsync("/visualize?model=resnet18&objective=layer4%3A1&steps=100000");

        Assert.Contains("steps must be between 1 and 512", html);
    }
}

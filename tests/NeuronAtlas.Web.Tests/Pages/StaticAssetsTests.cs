using System.Net;
using System.Text.RegularExpressions;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Pages;

public sealed class StaticAssetsTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Pages_reference_stylesheets_and_scripts_that_are_served(string environment)
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, environment: environment);
        using var client = factory.CreateAtlasClient();

        var html = await client.GetOkStringAsync("/models/resnet18/layer4/3");
        var assets = Regex.Matches(html, "<(?:link rel=\"stylesheet\" href|script src)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(assets, a => a.Contains("MudBlazor.min") && a.EndsWith(".css"));
        Assert.Contains(assets, a => a.Contains("blazor.web"));
        Assert.Contains("/app.css", assets);
        Assert.Contains("/js/copy-link.js", assets);
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset.StartsWith('/') ? asset : "/" + asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode} in {environment}");
            Assert.True(response.Content.Headers.ContentLength > 100, $"{asset} is nearly empty");
        }
    }
}

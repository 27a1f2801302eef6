using Microsoft.Playwright;
using NeuronAtlas.Browser.Tests.Infrastructure;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests;

/// <summary>Drives Debian's chromium from a model page to its findings, then to a multimodal unit's neuron page and the family index.</summary>
public sealed class FindingsBrowserTests : IAsyncLifetime
{
    private readonly TestCatalog _catalog = new();
    private AtlasWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = AtlasWebFactory.StartKestrel(_catalog.Path);
        (_playwright, _browser) = await DebianChromium.LaunchAsync();
    }

    [Fact]
    public async Task A_visitor_opens_the_findings_then_a_multimodal_neuron_and_the_families()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(_app.BaseUrl + "/models/resnet18");

        await page.GetByRole(AriaRole.Link, new() { Name = "Findings", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/models/resnet18/findings");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Findings of ResNet-18");
        await Assertions.Expect(page.Locator(".atlas-findings-census tbody tr")).ToHaveCountAsync(4); // model and baseline, two layers each
        await Assertions.Expect(page.Locator("ol.atlas-findings-best li")).ToHaveCountAsync(2);

        await page.Locator($"ol.atlas-findings-best a[href='/models/resnet18/{TestFindings.Layer}/{TestFindings.SpiderUnit}']").ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + $"/models/resnet18/{TestFindings.Layer}/{TestFindings.SpiderUnit}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"{TestFindings.Layer} · neuron {TestFindings.SpiderUnit}");
        await Assertions.Expect(page.Locator("img.atlas-example-image")).ToHaveCountAsync(TestCatalog.ExampleCount);

        await page.GotoAsync(_app.BaseUrl + "/models/resnet18/findings/families");
        await Assertions.Expect(page.Locator("section.atlas-family")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("section.atlas-family h2").First).ToHaveTextAsync("Animals & Nature · 1 units");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        _catalog.Dispose();
    }
}

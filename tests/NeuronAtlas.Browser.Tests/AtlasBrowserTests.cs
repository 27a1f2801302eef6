using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeuronAtlas.Browser.Tests.Infrastructure;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests;

/// <summary>
/// Drives Debian's chromium through the site: home → model → layer → neuron (examples, heatmap toggle,
/// OpenGraph tags), then the interactive lookup page with an uploaded image. With NEURONATLAS_SCREENSHOTS=1 it
/// saves docs/screenshots/home.png, layer.png, neuron.png and lookup.png, of the test catalog or, when
/// NEURONATLAS_SCREENSHOTS_CATALOG names one, of that catalog (e.g. data/atlas.db).
/// </summary>
public sealed class AtlasBrowserTests : IAsyncLifetime
{
    private static readonly bool TakeScreenshots = Environment.GetEnvironmentVariable("NEURONATLAS_SCREENSHOTS") == "1";
    private static readonly string? ScreenshotCatalog = Environment.GetEnvironmentVariable("NEURONATLAS_SCREENSHOTS_CATALOG");

    private readonly TestCatalog _catalog = new();
    private AtlasWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = AtlasWebFactory.StartKestrel(_catalog.Path, new Dictionary<string, string?> { ["Visualize:ProgressImageEvery"] = "2" });
        (_playwright, _browser) = await DebianChromium.LaunchAsync();
    }

    [Fact]
    public async Task A_visitor_browses_to_a_neuron_and_looks_up_an_image()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(_app.BaseUrl + "/");
        await Screenshot(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = "ResNet18 (ImageNet)", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/models/resnet18");
        await page.GetByRole(AriaRole.Link, new() { Name = "layer4 (stage 4 output)" }).First.ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/models/resnet18/layer4");
        await Screenshot(page, "layer");
        await page.Locator("a.atlas-neuron-tile[href='/models/resnet18/layer4/3']").ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/models/resnet18/layer4/3");

        await CheckNeuronPageAsync(page);
        await Screenshot(page, "neuron");

        await page.GotoAsync(_app.BaseUrl + "/lookup");
        await CheckLookupAsync(page);

        if (TakeScreenshots && !string.IsNullOrEmpty(ScreenshotCatalog))
            await new RealAtlasScreenshots(_browser, Path.GetFullPath(ScreenshotCatalog, AtlasPaths.FindRoot())).TakeAsync(ScreenshotPath);
    }

    [Fact]
    public async Task A_visitor_renders_a_neuron_live_sees_it_evolve_and_cancels()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(_app.BaseUrl + "/models/resnet18/layer4/3");

        await page.GetByRole(AriaRole.Link, new() { Name = "Render one live" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/visualize\\?model=resnet18&objective=layer4%3A3"));
        // The longest, largest render the settings allow, so that on a fast machine it is still running when cancelled
        // (at the link's 256 steps of 128 px it could finish before the first progress image arrived).
        await page.GotoAsync(_app.BaseUrl + "/visualize?model=resnet18&objective=layer4%3A3&steps=512&size=256");

        // The address names an objective, so rendering starts once the live connection is up.
        var visualizer = page.Locator(".atlas-visualize");
        await Assertions.Expect(visualizer).ToHaveAttributeAsync("data-state", "optimizing", new() { Timeout = 90000 });
        await Assertions.Expect(page.Locator("img.atlas-visualize-image")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"), new() { Timeout = 60000 });
        await Assertions.Expect(page.Locator(".atlas-visualize-status-text")).ToContainTextAsync(new Regex("Step \\d+ of 512"));
        await Screenshot(page, "visualize");

        await page.Locator("button.atlas-visualize-cancel").ClickAsync();
        await Assertions.Expect(visualizer).ToHaveAttributeAsync("data-state", "cancelled", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator(".atlas-visualize-status-text")).ToContainTextAsync("Cancelled at step");
        Assert.EndsWith("/visualize?model=resnet18&objective=layer4%3A3&seed=0&steps=512&size=256", page.Url);
        await Assertions.Expect(page.Locator("button.atlas-visualize-start")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Closing_the_page_mid_render_stops_the_render_and_frees_its_slot()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/visualize?model=resnet18&objective=layer4%3A9&steps=512");
        await Assertions.Expect(page.Locator(".atlas-visualize")).ToHaveAttributeAsync("data-state", "optimizing", new() { Timeout = 90000 });
        using var http = _app.CreateAtlasClient();
        Assert.Equal(1, (await http.GetFromJsonAsync<JsonElement>("/api/visualize/status")).GetProperty("running").GetInt32());

        await page.CloseAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        int running;
        while ((running = (await http.GetFromJsonAsync<JsonElement>("/api/visualize/status")).GetProperty("running").GetInt32()) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(0, running);
    }

    private async Task CheckNeuronPageAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("layer4 · neuron 3");
        var examples = page.Locator("img.atlas-example-image");
        await Assertions.Expect(examples).ToHaveCountAsync(TestCatalog.ExampleCount);
        Assert.Equal($"/images/{_catalog.ExampleImage(3, 0)}.jpg", await examples.First.GetAttributeAsync("src"));
        Assert.True(await examples.First.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the top example's thumbnail loads");
        await Assertions.Expect(page.Locator(".atlas-activation").First).ToHaveTextAsync("4.5");

        // The heatmap toggle is pure CSS: clicking its label shows the overlays, no live connection involved.
        var heatmap = page.Locator("img.atlas-heatmap").First;
        await Assertions.Expect(heatmap).ToBeHiddenAsync();
        await page.Locator("label[for='heatmap-toggle']").ClickAsync();
        await Assertions.Expect(heatmap).ToBeVisibleAsync();
        await Assertions.Expect(heatmap).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await heatmap.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the heatmap loads");

        Assert.Equal($"{_app.BaseUrl}/models/resnet18/layer4/3", await Meta(page, "og:url"));
        Assert.Contains("neuron 3", await Meta(page, "og:title"));
        Assert.Equal($"{_app.BaseUrl}/images/{_catalog.ExampleImage(3, 0)}.jpg", await Meta(page, "og:image"));
        Assert.Equal("summary_large_image", await page.Locator("meta[name='twitter:card']").GetAttributeAsync("content"));
    }

    private static async Task CheckLookupAsync(IPage page)
    {
        // A file input does nothing until the circuit is up; the page marks itself once it is.
        await Assertions.Expect(page.Locator(".atlas-lookup[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "pattern.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(),
        });

        var layers = page.Locator("section.atlas-lookup-layer");
        await Assertions.Expect(layers).ToHaveCountAsync(4, new() { Timeout = 15000 });
        await Assertions.Expect(layers.Nth(3).Locator("a.atlas-neuron-tile")).ToHaveCountAsync(8);
        var topHref = await layers.Nth(3).Locator("a.atlas-neuron-tile").First.GetAttributeAsync("href");
        Assert.Matches(new Regex("^/models/resnet18/layer4/\\d+$"), topHref);
        Assert.StartsWith("data:image/png;base64,", await page.Locator("img.atlas-lookup-heatmap").GetAttributeAsync("src"));

        await Screenshot(page, "lookup");

        // Choosing another neuron's heatmap redraws the overlay.
        var before = await page.Locator("img.atlas-lookup-heatmap").GetAttributeAsync("src");
        await layers.Nth(0).Locator("button.atlas-heatmap-button").First.ClickAsync();
        await Assertions.Expect(page.Locator("img.atlas-lookup-heatmap")).Not.ToHaveAttributeAsync("src", before!);

        // A hostile upload gets the same clear message as the API, and the page keeps working.
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.png", MimeType = "image/png", Buffer = TestImages.TextNamedPng(),
        });
        await Assertions.Expect(page.Locator(".atlas-lookup-error")).ToContainTextAsync("Unsupported format (415)");
    }

    private static Task<string?> Meta(IPage page, string property) =>
        page.Locator($"meta[property='{property}']").GetAttributeAsync("content");

    private static async Task Screenshot(IPage page, string name)
    {
        if (!TakeScreenshots) return;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name) });
    }

    private static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(AtlasPaths.FindRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{name}.png");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        _catalog.Dispose();
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeuronAtlas.Browser.Tests.Infrastructure;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests;

/// <summary>
/// Drives Debian's chromium through the CLIP features on a tiny random CLIP: searching neurons as you type, zero-shot
/// labels on an upload, the typographic attack lab, and a shared /visualize address that renders the same image again.
/// With NEURONATLAS_SCREENSHOTS=1 it saves docs/screenshots/search.png, lookup-clip.png and typographic.png.
/// </summary>
public sealed class ClipBrowserTests : IAsyncLifetime
{
    private static readonly bool TakeScreenshots = Environment.GetEnvironmentVariable("NEURONATLAS_SCREENSHOTS") == "1";

    private ClipTestCatalog _catalog = null!;
    private AtlasWebFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _catalog = new ClipTestCatalog();
        var settings = _catalog.Settings();
        settings["Visualize:ProgressImageEvery"] = "2";
        settings["Visualize:MinImageSize"] = "16";
        _app = AtlasWebFactory.StartKestrel(_catalog.Path, settings);
        (_playwright, _browser) = await DebianChromium.LaunchAsync();
    }

    [Fact]
    public async Task Search_as_you_type_finds_the_spider_neuron_and_the_header_box_searches_from_any_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/search");
        await Assertions.Expect(page.Locator(".atlas-search[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });

        await page.Locator(".atlas-search-form input[name=q]").PressSequentiallyAsync("spider", new() { Delay = 40 });

        var first = page.Locator("a.atlas-search-hit-link").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("href", $"/models/{ClipTestCatalog.Model}/{ClipTestCatalog.Layer}/{ClipTestCatalog.SpiderNeuron}",
            new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator(".atlas-search-hit-score").First).ToContainTextAsync("text match");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q=spider$"));
        await Screenshot(page, "search");

        await page.GotoAsync(_app.BaseUrl + "/");
        await page.Locator(".atlas-header-search input[name=q]").FillAsync("pizza");
        await page.Locator(".atlas-header-search input[name=q]").PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/search\\?q=pizza$"));
        await Assertions.Expect(page.Locator("a.atlas-search-hit-link").First)
            .ToHaveAttributeAsync("href", $"/models/{ClipTestCatalog.Model}/{ClipTestCatalog.Layer}/{ClipTestCatalog.PizzaNeuron}");
    }

    [Fact]
    public async Task An_upload_gets_five_zero_shot_labels_and_a_typed_list_relabels_it()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/lookup");
        await Assertions.Expect(page.Locator(".atlas-lookup[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "pattern.png", MimeType = "image/png", Buffer = TestImages.Png() });

        var labels = page.Locator(".atlas-zero-shot-label");
        await Assertions.Expect(labels).ToHaveCountAsync(5, new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator(".atlas-zero-shot")).ToContainTextAsync("Softmax over 341 labels");
        await Screenshot(page, "lookup-clip");

        await page.Locator("#zero-shot-labels").FillAsync("iPod, spider, pizza");
        await page.Locator("button.atlas-relabel-button").ClickAsync();
        await Assertions.Expect(labels).ToHaveCountAsync(3, new() { Timeout = 15000 });
        var names = await page.Locator(".atlas-zero-shot-name").AllTextContentsAsync();
        Assert.Equal(["iPod", "pizza", "spider"], names.Order());
    }

    [Fact]
    public async Task The_typographic_lab_compares_labels_before_and_after_and_follows_the_presets()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/typographic");
        var lab = page.Locator(".atlas-typographic");
        await Assertions.Expect(page.Locator(".atlas-typographic[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "apple.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });

        await Assertions.Expect(lab).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator(".atlas-typographic-before .atlas-zero-shot-label")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".atlas-typographic-after .atlas-zero-shot-label")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".atlas-typographic-target")).ToContainTextAsync("“iPod”");
        var attacked = page.Locator(".atlas-typographic-after img");
        await Assertions.Expect(attacked).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        Assert.True(await page.Locator(".atlas-typographic-layer a.atlas-neuron-tile").CountAsync() > 0, "the neurons that changed are listed");
        await Screenshot(page, "typographic");

        var before = await attacked.GetAttributeAsync("src");
        await page.GetByRole(AriaRole.Button, new() { Name = "$$$", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".atlas-typographic-target")).ToContainTextAsync("“piggy bank”", new() { Timeout = 15000 });
        await Assertions.Expect(attacked).Not.ToHaveAttributeAsync("src", before!);

        // Moving a slider re-runs the attack with the text elsewhere.
        var moved = await attacked.GetAttributeAsync("src");
        await page.Locator("input.atlas-typographic-y").EvaluateAsync("(slider) => { slider.value = '0.2'; slider.dispatchEvent(new Event('input', { bubbles: true })); }");
        await Assertions.Expect(attacked).Not.ToHaveAttributeAsync("src", moved!, new() { Timeout = 15000 });
    }

    [Fact]
    public async Task A_shared_visualize_address_renders_the_same_image_again()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + $"/visualize?model={ClipTestCatalog.Model}");
        await Assertions.Expect(page.Locator(".atlas-visualize[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.Locator("input[name=objective]").FillAsync("text:\"a spider\"");
        await page.Locator("input[name=steps]").FillAsync("8");
        await page.Locator("button.atlas-visualize-start").ClickAsync();

        await Assertions.Expect(page.Locator(".atlas-visualize")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60000 });
        var shared = await page.Locator(".atlas-copy-link input").InputValueAsync();
        Assert.Equal($"{_app.BaseUrl}/visualize?model={ClipTestCatalog.Model}&objective=text%3A%22a%20spider%22&seed=0&steps=8&size=128", shared);
        var image = await page.Locator("img.atlas-visualize-image").GetAttributeAsync("src");

        var again = await NewPageAsync();
        await again.GotoAsync(shared);
        await Assertions.Expect(again.Locator(".atlas-visualize")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60000 });
        Assert.Equal(image, await again.Locator("img.atlas-visualize-image").GetAttributeAsync("src"));
    }

    private Task<IPage> NewPageAsync() => _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    private static async Task Screenshot(IPage page, string name)
    {
        if (!TakeScreenshots) return;
        var directory = Path.Combine(AtlasPaths.FindRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        _catalog.Dispose();
    }
}

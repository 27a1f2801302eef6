using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots of a real catalog for the README: the home page, the model's last layer, a neuron of that layer
/// (one with a label when there is one) with heatmaps on, a lookup of that neuron's top example, and a live render of
/// that neuron (64 steps). For a model with findings also its findings page and a typographic flip in the lab: the
/// first of the findings' flip examples that flips in the lab too.
/// </summary>
public sealed class RealAtlasScreenshots(IBrowser browser, string catalogPath)
{
    public async Task TakeAsync(Func<string, string> pathFor)
    {
        if (!File.Exists(catalogPath)) Assert.Fail($"NEURONATLAS_SCREENSHOTS_CATALOG names {catalogPath}, which does not exist.");
        await using var app = AtlasWebFactory.StartKestrel(catalogPath);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(app.BaseUrl + "/");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("home") });

        var models = await http.GetFromJsonAsync<JsonElement>("/api/models");
        var model = await http.GetFromJsonAsync<JsonElement>(models[0].GetProperty("apiUrl").GetString());
        var lastLayer = model.GetProperty("layers").EnumerateArray().Last();
        await page.GotoAsync(app.BaseUrl + lastLayer.GetProperty("url").GetString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("layer") });

        var neurons = (await http.GetFromJsonAsync<JsonElement>(lastLayer.GetProperty("apiUrl").GetString()))
            .GetProperty("neurons").EnumerateArray().ToList();
        var neuron = neurons.FirstOrDefault(n => n.GetProperty("label").ValueKind == JsonValueKind.String, neurons[0]);
        await page.GotoAsync(app.BaseUrl + neuron.GetProperty("url").GetString());
        await page.Locator("label[for='heatmap-toggle']").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("neuron") });

        var topExample = await http.GetByteArrayAsync(neuron.GetProperty("topExampleUrl").GetString());
        await page.GotoAsync(app.BaseUrl + "/lookup");
        await Assertions.Expect(page.Locator(".atlas-lookup[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "example.jpg", MimeType = "image/jpeg", Buffer = topExample });
        await Assertions.Expect(page.Locator("section.atlas-lookup-layer").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("lookup") });

        var findings = await http.GetAsync($"/api/models/{Uri.EscapeDataString(models[0].GetProperty("id").GetString()!)}/findings");
        if (findings.IsSuccessStatusCode)
        {
            var report = await findings.Content.ReadFromJsonAsync<JsonElement>();
            await page.GotoAsync($"{app.BaseUrl}/models/{report.GetProperty("model").GetString()}/findings");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("findings"), FullPage = false });
            await TypographicFlipAsync(page, app.BaseUrl, report, pathFor("typographic-flip"));
        }

        await page.GotoAsync($"{app.BaseUrl}/visualize?model={Uri.EscapeDataString(models[0].GetProperty("id").GetString()!)}" +
            $"&objective={Uri.EscapeDataString($"{lastLayer.GetProperty("id").GetString()}:{neuron.GetProperty("index").GetInt32()}")}&steps=64");
        await Assertions.Expect(page.Locator(".atlas-visualize")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 300000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("visualize") });
    }

    /// <summary>Tries the findings' flip examples in the lab (its LiberationSans-Bold, low in the picture) until one flips.</summary>
    private static async Task TypographicFlipAsync(IPage page, string baseUrl, JsonElement report, string path)
    {
        using var pictures = NeuronAtlas.Core.Datasets.ImageSources.Open("emoji", AtlasPaths.FindRoot());
        var files = Enumerable.Range(0, pictures.Count).ToDictionary(i => pictures.Describe(i).File);
        foreach (var example in report.GetProperty("typographic").GetProperty("examples").EnumerateArray())
        {
            var written = example.GetProperty("written").GetString()!;
            if (!files.TryGetValue(example.GetProperty("imageFile").GetString()!, out int index)) continue;
            await page.GotoAsync(baseUrl + "/typographic");
            var lab = page.Locator(".atlas-typographic");
            await Assertions.Expect(page.Locator(".atlas-typographic[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 15000 });
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "picture.jpg", MimeType = "image/jpeg", Buffer = pictures.ReadBytes(index) });
            await Assertions.Expect(lab).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30000 });
            await page.Locator(".atlas-typographic-controls select").SelectOptionAsync(new SelectOptionValue { Label = "LiberationSans-Bold" });
            await Assertions.Expect(lab).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30000 });
            foreach (var (selector, value) in new[] { ("input.atlas-typographic-size", "0.2"), ("input.atlas-typographic-y", "0.84") })
            {
                await page.Locator(selector).EvaluateAsync($"(slider) => {{ slider.value = '{value}'; slider.dispatchEvent(new Event('input', {{ bubbles: true }})); }}");
                await Assertions.Expect(lab).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30000 });
            }
            await page.Locator("input.atlas-typographic-text").FillAsync(written);
            await Assertions.Expect(page.Locator(".atlas-typographic-target")).ToContainTextAsync($"“{written}”", new() { Timeout = 30000 });
            await Assertions.Expect(lab).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30000 });
            var top = await page.Locator(".atlas-typographic-after .atlas-zero-shot-label").First.InnerTextAsync();
            if (!top.Contains(written, StringComparison.Ordinal)) continue;
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            return;
        }
        Assert.Fail("None of the findings' typographic flips flipped in the lab.");
    }
}

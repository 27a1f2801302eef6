using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots of a real catalog for the README: the home page, the model's last layer, a neuron of that layer
/// (one with a label when there is one) with heatmaps on, a lookup of that neuron's top example, and a live render of
/// that neuron (64 steps).
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

        await page.GotoAsync($"{app.BaseUrl}/visualize?model={Uri.EscapeDataString(models[0].GetProperty("id").GetString()!)}" +
            $"&objective={Uri.EscapeDataString($"{lastLayer.GetProperty("id").GetString()}:{neuron.GetProperty("index").GetInt32()}")}&steps=64");
        await Assertions.Expect(page.Locator(".atlas-visualize")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 300000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = pathFor("visualize") });
    }
}

using System.Net;
using System.Net.Http.Json;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.RealServer;

/// <summary>
/// The live endpoints (visualize, typographic) through a real Kestrel server, which refuses response headers with
/// non-ASCII characters where the in-memory test server does not.
/// </summary>
public sealed class LiveEndpointsOnKestrelTests(KestrelVisualizeAppFixture app) : IClassFixture<KestrelVisualizeAppFixture>
{
    [Fact]
    public async Task The_documented_visualize_example_answers_a_png_with_the_objective_percent_encoded()
    {
        // docs/api.md's example, with 1 step at a small size to keep the test short.
        var response = await app.Client.PostAsJsonAsync("/api/visualize",
            new { model = "resnet18", objective = "layer4:12 - 0.5*layer3:7", seed = 0, steps = 1, size = 32 });

        await AssertPngAsync(response, 32);
        var header = response.Headers.GetValues("X-Objective").Single();
        Assert.Equal("channel(layer4:12) - 0.5 %C3%97 channel(layer3:7)", header);
        Assert.Equal("channel(layer4:12) - 0.5 × channel(layer3:7)", Uri.UnescapeDataString(header));
        Assert.Equal(0, (await app.Client.GetOkJsonAsync("/api/visualize/status")).GetProperty("running").GetInt32());
    }

    [Fact]
    public async Task A_text_objective_with_an_accent_answers_a_png()
    {
        var response = await app.Client.PostAsJsonAsync("/api/visualize",
            new { model = ClipTestCatalog.Model, objective = "text:\"café\"", steps = 1, size = 32 });

        await AssertPngAsync(response, 32);
        Assert.Equal("text(\"café\")", Uri.UnescapeDataString(response.Headers.GetValues("X-Objective").Single()));
        Assert.Contains("objective=text%3A%22caf%C3%A9%22", response.Headers.GetValues("X-Visualize-Url").Single());
    }

    [Fact]
    public async Task The_visualize_status_reports_the_limits()
    {
        var status = await app.Client.GetOkJsonAsync("/api/visualize/status");

        Assert.Equal(VisualizeAppFixture.MaxConcurrentRuns, status.GetProperty("maxConcurrentRuns").GetInt32());
    }

    [Fact]
    public async Task A_typographic_attack_with_an_accented_text_answers_labels_before_and_after()
    {
        var form = LookupRequests.Multipart(TestImages.Png(), "apple.png", "image/png");
        form.Add(new StringContent("café"), "text");

        var result = await app.Client.PostOkJsonAsync($"/api/typographic?model={ClipTestCatalog.Model}", form);

        Assert.Equal("café", result.GetProperty("text").GetString());
        Assert.NotEmpty(result.GetProperty("before").GetProperty("top").EnumerateArray());
    }

    private static async Task AssertPngAsync(HttpResponseMessage response, int size)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((size, size), (image.Width, image.Height));
    }
}

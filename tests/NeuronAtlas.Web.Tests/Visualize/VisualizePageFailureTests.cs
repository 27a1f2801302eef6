using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Visualize;

/// <summary>
/// Failures other than a bad objective or a refused request, while the page reads a text objective: the page shows a
/// message instead of failing (a 500 when first served, a dead circuit once live).
/// </summary>
public sealed class VisualizePageFailureTests
{
    private const string TextObjectiveUrl = $"/visualize?model={ClipTestCatalog.Model}&objective=text%3A%22a%20spider%22&steps=2&size=32";

    [Fact]
    public async Task A_missing_text_encoder_file_shows_the_file_missing()
    {
        using var catalog = new ClipTestCatalog();
        File.Delete(Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, catalog.Manifest.TextEncoder!.Onnx));
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        using var client = app.CreateAtlasClient();

        var html = WebUtility.HtmlDecode(await client.GetOkStringAsync(TextObjectiveUrl));

        Assert.Contains("Model files missing: The model cannot be run:", html);
        Assert.Contains("data-state=\"error\"", html);
    }

    [Fact]
    public async Task An_unreadable_text_encoder_shows_that_the_render_failed()
    {
        using var catalog = new ClipTestCatalog();
        var text = Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, catalog.Manifest.TextEncoder!.Onnx);
        File.Delete(text);
        File.WriteAllText(text, "not an ONNX model");
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        using var client = app.CreateAtlasClient();

        var html = WebUtility.HtmlDecode(await client.GetOkStringAsync(TextObjectiveUrl));

        Assert.Contains("The render failed unexpectedly; the error has been logged.", html);
        Assert.Contains("data-state=\"error\"", html);
    }
}

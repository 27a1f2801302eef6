using System.Net;
using System.Net.Http.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Visualize;

public sealed class VisualizeMissingFilesTests
{
    [Fact]
    public async Task A_manifest_whose_onnx_file_is_missing_is_a_404_that_names_the_file_and_frees_the_slot()
    {
        using var catalog = new ClipTestCatalog();
        var ghost = Directory.CreateDirectory(Path.Combine(catalog.ModelsDirectory, "ghost")).FullName;
        var manifest = File.ReadAllText(Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, "manifest.json"))
            .Replace($"\"id\": \"{ClipTestCatalog.Model}\"", "\"id\": \"ghost\"").Replace("\"onnx\": \"image.onnx\"", "\"onnx\": \"missing.onnx\"");
        File.WriteAllText(Path.Combine(ghost, "manifest.json"), manifest);
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        using var client = app.CreateAtlasClient();

        var response = await client.PostAsJsonAsync("/api/visualize", new { model = "ghost", objective = "image_block_4_1:1", steps = 2, size = 32 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("missing.onnx", await response.Content.ReadAsStringAsync());
        var status = await client.GetOkJsonAsync("/api/visualize/status");
        Assert.Equal(0, status.GetProperty("running").GetInt32());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using NeuronAtlas.Core;
using NeuronAtlas.Onnx.Tests.Support;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Problems;

/// <summary>The same failure gets the same status on every endpoint: a missing model file 404, an op without a gradient rule 422.</summary>
public sealed class FailureStatusTests
{
    [Fact]
    public async Task A_catalog_model_whose_onnx_file_is_missing_is_a_404_on_lookup_and_typographic()
    {
        using var catalog = new ClipTestCatalog();
        var manifestPath = Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, "manifest.json");
        var manifest = File.ReadAllText(manifestPath).Replace("\"onnx\": \"image.onnx\"", "\"onnx\": \"missing.onnx\"");
        File.Delete(manifestPath);
        File.WriteAllText(manifestPath, manifest);
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        using var client = app.CreateAtlasClient();

        var lookup = await client.PostAsync($"/api/lookup?model={ClipTestCatalog.Model}",
            LookupRequests.Multipart(TestImages.Png(), "photo.png", "image/png"));
        var form = LookupRequests.Multipart(TestImages.Png(), "photo.png", "image/png");
        form.Add(new StringContent("iPod"), "text");
        var typographic = await client.PostAsync($"/api/typographic?model={ClipTestCatalog.Model}", form);

        foreach (var response in new[] { lookup, typographic })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Model files missing", problem.GetProperty("title").GetString());
            Assert.Contains("missing.onnx", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_manifest_whose_onnx_file_is_missing_is_a_404_on_visualize_that_names_the_file_and_frees_the_slot()
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
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Model files missing", problem.GetProperty("title").GetString());
        Assert.Contains("missing.onnx", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await client.GetOkJsonAsync("/api/visualize/status")).GetProperty("running").GetInt32());
    }

    [Fact]
    public async Task Visualizing_a_model_with_an_op_without_a_gradient_rule_is_a_422_that_names_the_op()
    {
        using var catalog = new ClipTestCatalog();
        var folder = Directory.CreateDirectory(Path.Combine(catalog.ModelsDirectory, "celunet")).FullName;
        // Celu has no gradient rule (the autodiff tests use it for the same reason).
        var model = TestModels.Create().Input("input", 1, 3, 16, 16).Node("Celu", ["input"], "celu_out").Output("celu_out").Build();
        model.Graph.Node[0].Name = "the_celu";
        File.WriteAllBytes(Path.Combine(folder, "celunet.onnx"), model.ToByteArray());
        File.WriteAllText(Path.Combine(folder, "manifest.json"), CeluManifest());
        var settings = catalog.Settings();
        settings["Visualize:MinImageSize"] = "16";
        using var app = new AtlasWebFactory(catalog.Path, settings);
        using var client = app.CreateAtlasClient();

        var response = await client.PostAsJsonAsync("/api/visualize", new { model = "celunet", objective = "celu:1", steps = 1, size = 16 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not differentiable", problem.GetProperty("title").GetString());
        Assert.Contains("'Celu' op (node 'the_celu')", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await client.GetOkJsonAsync("/api/visualize/status")).GetProperty("running").GetInt32());
    }

    /// <summary>ResNet18's manifest, turned into one for the one-op model: a 16 × 16 input and its Celu output as the only layer.</summary>
    private static string CeluManifest()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json")))!.AsObject();
        manifest["id"] = "celunet";
        manifest["displayName"] = "One Celu";
        manifest["onnx"] = "celunet.onnx";
        manifest["input"] = new JsonObject { ["name"] = "input", ["width"] = 16, ["height"] = 16, ["channelOrder"] = "rgb" };
        manifest["preprocessing"]!["resize"] = 16;
        manifest["preprocessing"]!["crop"] = 16;
        manifest["layers"] = new JsonArray(new JsonObject
        {
            ["id"] = "celu", ["displayName"] = "celu", ["tensor"] = "celu_out", ["channels"] = 3, ["height"] = 16, ["width"] = 16,
        });
        return manifest.ToJsonString();
    }
}

using NeuronAtlas.Core.Models;
using NeuronAtlas.Core.Tests.TestData;

namespace NeuronAtlas.Core.Tests.Models;

public class ModelManifestLoaderTests
{
    [Fact]
    public void Loads_the_embedded_ResNet18_manifest_with_its_four_stages()
    {
        var m = TestModels.ResNet18();
        Assert.Equal("resnet18", m.Id);
        Assert.Equal(ChannelOrder.Bgr, m.Input.ChannelOrder);
        Assert.Equal([64, 128, 256, 512], m.Layers.Select(l => l.Channels));
        Assert.Equal(7, m.GetLayer("layer4").Height);
        Assert.True(File.Exists(ModelManifestLoader.ResolveOnnxPath(m)));
    }

    [Fact]
    public void An_invalid_manifest_is_rejected_with_every_problem_named()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(dir, "manifest.json");
        File.WriteAllText(path, """
            { "id": "bad id", "displayName": "x", "onnx": "m.onnx",
              "input": { "name": "x", "width": 224, "height": 224 },
              "preprocessing": { "resize": 200, "crop": 224, "mean": [0,0], "std": [1,1,0] },
              "layers": [] }
            """);
        var e = Assert.Throws<InvalidDataException>(() => ModelManifestLoader.Load(path));
        Assert.Contains("id must be", e.Message);
        Assert.Contains("3 values", e.Message);
        Assert.Contains("crop cannot exceed", e.Message);
        Assert.Contains("at least one layer", e.Message);
    }

    [Fact]
    public void Malformed_json_and_missing_files_give_clear_errors()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(dir, "manifest.json");
        File.WriteAllText(path, "{ not json");
        Assert.Contains("is not valid", Assert.Throws<InvalidDataException>(() => ModelManifestLoader.Load(path)).Message);
        Assert.Throws<FileNotFoundException>(() => ModelManifestLoader.Load(Path.Combine(dir, "nope.json")));
        Assert.Contains("Unknown model 'nope'", Assert.Throws<KeyNotFoundException>(() =>
            ModelRegistry.FromDirectory(Path.Combine(TestModels.RepoRoot, "data", "models")).Get("nope")).Message);
    }
}

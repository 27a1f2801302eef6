using NeuronAtlas.Core;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.FeatureVis.Tests.Support;

/// <summary>The embedded ResNet18 manifest from data/models; the build copies its .onnx beside the test assembly.</summary>
public static class EmbeddedModel
{
    public static ModelManifest ResNet18()
    {
        var path = Path.Combine(AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json");
        Assert.True(File.Exists(path), $"{path} is missing: run the tests from the NeuronAtlas checkout.");
        return ModelManifestLoader.Load(path);
    }
}

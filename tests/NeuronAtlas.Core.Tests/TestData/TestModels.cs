using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Tests.TestData;

public static class TestModels
{
    public static string RepoRoot { get; } = AtlasPaths.FindRoot();

    /// <summary>The embedded ResNet18 manifest; its ONNX file is copied beside the test binaries by the build.</summary>
    public static ModelManifest ResNet18() => ModelManifestLoader.Load(Path.Combine(RepoRoot, "data", "models", "resnet18", "manifest.json"));
}

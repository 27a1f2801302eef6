using System.CommandLine;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>Options several commands share, and how their values resolve against the repo root.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model", "-m")
    {
        Description = "A model id under data/models (e.g. resnet18) or the path of a manifest.json.",
        Required = true,
    };

    public static Option<string> Catalog() => new("--catalog")
    {
        Description = "The SQLite catalog to write.",
        DefaultValueFactory = _ => Path.Combine("data", "atlas.db"),
    };

    public static Option<ExecutionProviderKind> Provider() => new("--provider")
    {
        Description = "ONNX Runtime execution provider. Cuda falls back to Cpu, with a log line, when CUDA is missing.",
        DefaultValueFactory = _ => ExecutionProviderKind.Cpu,
    };

    public static string RepoRoot => AtlasPaths.FindRoot();

    public static ModelManifest LoadModel(string idOrPath) =>
        File.Exists(idOrPath) ? ModelManifestLoader.Load(idOrPath)
        : Directory.Exists(idOrPath) ? ModelManifestLoader.Load(Path.Combine(idOrPath, "manifest.json"))
        : ModelRegistry.FromDirectory(Path.Combine(RepoRoot, "data", "models")).Get(idOrPath);
}

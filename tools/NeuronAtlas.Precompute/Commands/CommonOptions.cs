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

    /// <summary>
    /// The folder holding data/ (models, datasets, notes, fonts, labels, vocabulary) and appsettings.json: the
    /// Atlas__DataRoot environment variable when set (as for the web app), else the repository root, else the publish folder.
    /// </summary>
    public static string RepoRoot => Environment.GetEnvironmentVariable(DataRootVariable) is { Length: > 0 } root
        ? Directory.Exists(root) ? Path.GetFullPath(root) : throw new DirectoryNotFoundException($"{DataRootVariable}: the folder {root} does not exist.")
        : AtlasPaths.FindRoot();

    public const string DataRootVariable = "Atlas__DataRoot";

    public static ModelManifest LoadModel(string idOrPath) =>
        File.Exists(idOrPath) ? ModelManifestLoader.Load(idOrPath)
        : Directory.Exists(idOrPath) ? ModelManifestLoader.Load(Path.Combine(idOrPath, "manifest.json"))
        : ModelRegistry.FromDirectory(Path.Combine(RepoRoot, "data", "models")).Get(idOrPath);
}

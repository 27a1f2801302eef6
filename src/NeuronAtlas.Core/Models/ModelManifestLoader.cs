using System.Text.Json;

namespace NeuronAtlas.Core.Models;

/// <summary>Reads and validates manifest.json files.</summary>
public static class ModelManifestLoader
{
    public static ModelManifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"Model manifest not found: {manifestPath}", manifestPath);
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), ModelManifest.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model manifest {manifestPath} is not valid: {e.Message}", e);
        }
        if (manifest is null) throw new InvalidDataException($"Model manifest {manifestPath} is empty.");
        manifest = manifest with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))! };
        Validate(manifest, manifestPath);
        return manifest;
    }

    private static void Validate(ModelManifest m, string path)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(m.Id) || m.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            problems.Add("id must be non-empty and use only letters, digits, '-', '_' and '.'");
        if (m.Preprocessing.Mean.Length != 3 || m.Preprocessing.Std.Length != 3)
            problems.Add("preprocessing.mean and preprocessing.std need 3 values");
        if (m.Preprocessing.Std.Any(s => s <= 0)) problems.Add("preprocessing.std values must be positive");
        if (m.Preprocessing.Crop > m.Preprocessing.Resize) problems.Add("preprocessing.crop cannot exceed preprocessing.resize");
        if (m.Preprocessing.Crop != m.Input.Width || m.Preprocessing.Crop != m.Input.Height)
            problems.Add("preprocessing.crop must equal the input width and height");
        if (m.Layers.Count == 0) problems.Add("at least one layer is needed");
        foreach (var dup in m.Layers.GroupBy(l => l.Id).Where(g => g.Count() > 1))
            problems.Add($"layer id '{dup.Key}' appears twice");
        foreach (var l in m.Layers.Where(l => l.Channels <= 0 || l.Height <= 0 || l.Width <= 0))
            problems.Add($"layer '{l.Id}' needs positive channels, height and width");
        if (problems.Count > 0)
            throw new InvalidDataException($"Model manifest {path} is not valid: {string.Join("; ", problems)}.");
    }

    /// <summary>The model's ONNX file: beside the manifest, else in the build output's models/{id}/ (embedded models).</summary>
    public static string ResolveOnnxPath(ModelManifest manifest) => ResolveFile(manifest, manifest.Onnx);

    public static string ResolveFile(ModelManifest manifest, string relative)
    {
        var candidates = new[]
        {
            Path.Combine(manifest.BaseDirectory, relative),
            Path.Combine(AppContext.BaseDirectory, "models", manifest.Id, relative),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"File '{relative}' of model '{manifest.Id}' not found. Looked in: {string.Join(", ", candidates)}. " +
                "Embedded models are copied there by 'dotnet build'.");
    }
}

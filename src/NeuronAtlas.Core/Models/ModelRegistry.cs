namespace NeuronAtlas.Core.Models;

/// <summary>The models found under a folder: one sub-folder per model, each with a manifest.json.</summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<string, ModelManifest> _models;

    public ModelRegistry(IEnumerable<ModelManifest> manifests)
    {
        _models = new(StringComparer.Ordinal);
        foreach (var m in manifests)
            if (!_models.TryAdd(m.Id, m))
                throw new InvalidDataException($"Two manifests declare the model id '{m.Id}'.");
    }

    public IReadOnlyCollection<ModelManifest> Models => _models.Values;

    public static ModelRegistry FromDirectory(string modelsDirectory)
    {
        if (!Directory.Exists(modelsDirectory))
            throw new DirectoryNotFoundException($"Models folder not found: {modelsDirectory}");
        var manifests = Directory.EnumerateFiles(modelsDirectory, "manifest.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(ModelManifestLoader.Load);
        return new ModelRegistry(manifests);
    }

    public bool TryGet(string id, out ModelManifest manifest) => _models.TryGetValue(id, out manifest!);

    public ModelManifest Get(string id) =>
        _models.TryGetValue(id, out var m)
            ? m
            : throw new KeyNotFoundException($"Unknown model '{id}'. Known models: {string.Join(", ", _models.Keys)}.");
}

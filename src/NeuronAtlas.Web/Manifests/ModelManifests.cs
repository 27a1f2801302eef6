using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Manifests;

/// <summary>
/// The model manifests under Atlas:ModelsDirectory, read once on first use (read again on the next use if reading failed). Live features (lookup, zero-shot,
/// visualize) need them; without the folder, every model is treated as having no manifest.
/// </summary>
public sealed class ModelManifests(IOptions<AtlasOptions> options, IHostEnvironment environment, ILogger<ModelManifests> logger)
{
    private readonly RetryingLazy<ModelRegistry> _registry = new(() =>
    {
        var directory = options.Value.ModelsFullPath(environment.ContentRootPath);
        if (Directory.Exists(directory)) return ModelRegistry.FromDirectory(directory);
        logger.LogWarning("No models folder at {Directory} (Atlas:ModelsDirectory): lookups and live renders are unavailable.", directory);
        return new ModelRegistry([]);
    });

    /// <summary>The manifest of a model; null when no manifest declares it.</summary>
    public ModelManifest? Find(string modelId) => _registry.Value.TryGet(modelId, out var manifest) ? manifest : null;

    /// <summary>Whether the model's manifest describes a CLIP model (text encoder, embedding and logit scale).</summary>
    public bool IsClip(string modelId) => Find(modelId) is { } manifest && ClipModel.IsClip(manifest);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Clip;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Manifests;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// One <see cref="ClipModel"/> per CLIP model, loaded on first use and shared (it is thread-safe). Only the text
/// encoder is loaded here; image embeddings come from the lookup's extractor, which already outputs them.
/// </summary>
public sealed class ClipModelPool(ModelManifests manifests, IOptions<InferenceOptions> inference, ILogger<ClipModelPool> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ClipModel>> _models = new();

    /// <summary>The model's CLIP encoders; null when the model is unknown or not a CLIP model.</summary>
    public ClipModel? Get(string modelId)
    {
        if (manifests.Find(modelId) is not { } manifest || !ClipModel.IsClip(manifest)) return null;
        return _models.GetOrAdd(modelId, _ => new Lazy<ClipModel>(() =>
        {
            logger.LogInformation("Loading the CLIP text encoder of {Model}.", modelId);
            return ClipModel.Load(manifest, inference.Value, logger);
        })).Value;
    }

    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated)) model.Value.Dispose();
    }
}

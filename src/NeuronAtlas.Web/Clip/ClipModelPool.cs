using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Manifests;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// One <see cref="ClipModel"/> per CLIP model, loaded on first use and shared (it is thread-safe). Only the text
/// encoder is loaded here; image embeddings come from the lookup's extractor, which already outputs them.
/// Work that runs the text encoder holds a <see cref="Use"/>: when the app stops, a model still in use is disposed
/// once its last use ends, never under a running inference. A model that failed to load is tried again on the next use.
/// </summary>
public sealed class ClipModelPool(ModelManifests manifests, IOptions<InferenceOptions> inference, ILogger<ClipModelPool> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, RetryingLazy<ClipModel>> _models = new();
    private readonly Dictionary<ClipModel, int> _uses = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>The model's CLIP encoders; null when the model is unknown or not a CLIP model.</summary>
    public ClipModel? Get(string modelId)
    {
        if (manifests.Find(modelId) is not { } manifest || !ClipModel.IsClip(manifest)) return null;
        return _models.GetOrAdd(modelId, _ => new RetryingLazy<ClipModel>(() =>
        {
            logger.LogInformation("Loading the CLIP text encoder of {Model}.", modelId);
            return ClipModel.Load(manifest, inference.Value, logger);
        })).Value;
    }

    /// <summary>Keeps the model from being disposed until the result is disposed; hold it while running the text encoder.</summary>
    public IDisposable Use(ClipModel model)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _uses[model] = _uses.GetValueOrDefault(model) + 1;
        }
        return new ModelUse(this, model);
    }

    private void EndUse(ClipModel model)
    {
        lock (_gate)
        {
            int left = _uses[model] - 1;
            if (left > 0)
            {
                _uses[model] = left;
                return;
            }
            _uses.Remove(model);
            if (!_disposed) return;
        }
        model.Dispose();
    }

    public void Dispose()
    {
        List<ClipModel> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = _models.Values.Where(m => m.IsValueCreated).Select(m => m.Value).Where(m => !_uses.ContainsKey(m)).ToList();
        }
        foreach (var model in idle) model.Dispose();
    }

    private sealed class ModelUse(ClipModelPool pool, ClipModel model) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) pool.EndUse(model);
        }
    }
}

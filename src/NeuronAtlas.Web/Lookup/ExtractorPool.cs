using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Manifests;

namespace NeuronAtlas.Web.Lookup;

/// <summary>One ONNX session per model, created on first use and shared by all lookups (sessions are thread-safe).</summary>
public sealed class ExtractorPool(
    ModelManifests manifests,
    IOptions<InferenceOptions> inferenceOptions,
    ILogger<ExtractorPool> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(ActivationExtractor Extractor, ImagePreprocessor Preprocessor)>> _models = new();

    /// <summary>The model's extractor for the given layers (fixed by the first call) and its preprocessor; null when no manifest declares the model.</summary>
    public (ActivationExtractor Extractor, ImagePreprocessor Preprocessor)? Get(string modelId, IReadOnlyList<string> layerIds)
    {
        if (manifests.Find(modelId) is not { } manifest) return null;
        return _models.GetOrAdd(modelId, _ => new(() =>
        {
            logger.LogInformation("Loading model {Model} for image lookups.", modelId);
            var extractor = ActivationExtractor.Create(manifest, inferenceOptions.Value, layerIds, logger);
            return (extractor, new ImagePreprocessor(manifest));
        })).Value;
    }

    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated))
            model.Value.Extractor.Dispose();
    }
}

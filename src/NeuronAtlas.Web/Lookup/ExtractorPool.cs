using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// One ONNX session per model, created on first use and shared by all lookups (sessions are thread-safe) through the
/// model's <see cref="LookupBatcher"/>; a model that failed to load is tried again on the next lookup.
/// </summary>
public sealed class ExtractorPool(
    ModelManifests manifests,
    InferenceGate gate,
    IOptions<InferenceOptions> inferenceOptions,
    IOptions<NeuronAtlas.Web.Options.UploadOptions> uploadOptions,
    ILogger<ExtractorPool> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, RetryingLazy<LookupModel>> _models = new();

    /// <summary>
    /// The model's extractor for the given layers (fixed by the first call), its batcher and its preprocessor; null when
    /// no manifest declares the model. The session's batch dimension is dynamic (ModelGraphPreparer), so one session
    /// runs batches of any size.
    /// </summary>
    public LookupModel? Get(string modelId, IReadOnlyList<string> layerIds)
    {
        if (manifests.Find(modelId) is not { } manifest) return null;
        return _models.GetOrAdd(modelId, _ => new(() =>
        {
            var precision = uploadOptions.Value.Int8Models.Contains(modelId) ? ModelPrecision.Int8 : ModelPrecision.Float32;
            logger.LogInformation("Loading model {Model} for image lookups ({Precision}).", modelId, precision);
            var extractor = ActivationExtractor.Create(manifest, LookupInferenceOptions(), layerIds, logger, precision);
            return new LookupModel(extractor, new LookupBatcher(extractor, gate, uploadOptions.Value, logger), new ImagePreprocessor(manifest));
        })).Value;
    }

    /// <summary>
    /// Lookups run MaxConcurrentInferences at a time; unless configured, each gets its share of the cores, because
    /// sessions that each spread over every core oversubscribe them (lookup p95 at 8 users on 2 cores: 298 ms with
    /// 2 threads per run, 164 ms with 1; docs/benchmarks.md).
    /// </summary>
    private InferenceOptions LookupInferenceOptions()
    {
        var options = inferenceOptions.Value;
        if (options.IntraOpThreads > 0) return options;
        int share = Math.Max(1, Environment.ProcessorCount / Math.Max(1, uploadOptions.Value.MaxConcurrentInferences));
        return options with { IntraOpThreads = share };
    }

    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated))
        {
            model.Value.Batcher.Dispose();
            model.Value.Extractor.Dispose();
        }
    }
}

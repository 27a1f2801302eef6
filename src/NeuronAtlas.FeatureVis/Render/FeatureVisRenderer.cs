using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.Onnx.Autodiff;
using Onnx;

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>
/// Renders feature visualizations of one model (Lucent's render_vis): optimizes parameterized images so that, after
/// random transforms, a resize to the input size and the model's own normalization, they maximize an objective.
/// Gradient graphs are built once per (objective, batch size) and their ONNX Runtime sessions kept for reuse
/// (the <see cref="SessionCacheSize"/> most recent; one that falls out is disposed once no render uses it).
/// Thread-safe; each render runs on the thread pool.
/// </summary>
public sealed class FeatureVisRenderer : IDisposable
{
    /// <summary>Sessions kept alive; one ResNet18 gradient session holds a few hundred MB while it runs.</summary>
    public const int SessionCacheSize = 2;

    /// <summary>
    /// The weight of diversity against the channel objective in facet runs: Lucid's 1e2. On ResNet18 layer4 it gives
    /// four clearly different images that each still excite the neuron many times more than its best dataset example.
    /// </summary>
    public const float DefaultFacetDiversityWeight = 100f;

    private readonly ModelProto _model;
    private readonly InferenceOptions _inference;
    private readonly ILogger? _logger;
    private readonly Dictionary<int, GradientGraphBuilder> _builders = [];
    private readonly LeaseCache<GradientSession> _sessions = new(SessionCacheSize);
    private readonly Lock _gate = new();

    public FeatureVisRenderer(ModelManifest manifest, InferenceOptions? inference = null, ILogger? logger = null)
    {
        Manifest = manifest;
        _inference = inference ?? new InferenceOptions();
        _logger = logger;
        _model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest)));
    }

    public ModelManifest Manifest { get; }

    /// <summary>Optimizes a batch of images for <paramref name="objective"/>.</summary>
    /// <param name="objective">Per-item terms fix the batch size; otherwise <see cref="RenderOptions.BatchSize"/> does.</param>
    public Task<RenderResult> RenderAsync(LayerObjective objective, RenderOptions? options = null, IProgress<RenderProgress>? progress = null,
        CancellationToken ct = default)
    {
        options ??= new RenderOptions();
        options.Validate();
        int batch = objective.ItemCount ?? options.BatchSize;
        if (options.ItemSeeds is { } seeds && seeds.Count != batch)
            throw new ArgumentException($"ItemSeeds has {seeds.Count} entries for a batch of {batch}.", nameof(options));
        if (objective.HasDiversity && batch < 2)
            throw new ArgumentException($"{objective.Description}: diversity compares batch items, so the batch needs at least 2 (got {batch}).", nameof(options));
        var autodiffObjective = objective.ToObjective(Manifest, options.OptimizePreActivation ? PreActivationTensor : null);
        var layerTensors = objective.PerItemLayers.Select(id => Manifest.GetLayer(id).Tensor).ToList();
        return Task.Run(() =>
        {
            using var session = _sessions.Acquire($"{objective.Key}|{batch}|{options.OptimizePreActivation}", () =>
                new GradientSession(Builder(batch).Build(autodiffObjective, extraOutputs: layerTensors), Manifest.Input.Name, layerTensors, _inference, _logger));
            return new RenderRun(Manifest, objective, session.Value, batch, options).Run(progress, ct);
        }, ct);
    }

    /// <summary>One image per channel in a single batch (Facet -1 in the catalog); items are seeded by channel.</summary>
    public Task<RenderResult> RenderChannelsAsync(string layerId, IReadOnlyList<int> channels, RenderOptions? options = null,
        IProgress<RenderProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new RenderOptions();
        var objective = channels.Count == 1 ? LayerObjective.Channel(layerId, channels[0]) : LayerObjective.Channel(layerId, channels);
        return RenderAsync(objective, options with { BatchSize = channels.Count, ItemSeeds = channels }, progress, ct);
    }

    /// <summary>
    /// <paramref name="facets"/> different images of one channel: the channel objective of every item plus
    /// <paramref name="diversityWeight"/> × diversity at the same layer.
    /// </summary>
    public Task<RenderResult> RenderFacetsAsync(string layerId, int channel, int facets = 4, float diversityWeight = DefaultFacetDiversityWeight,
        RenderOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new RenderOptions();
        var objective = LayerObjective.Channel(layerId, channel) + diversityWeight * LayerObjective.Diversity(layerId);
        // Facet seeds are offset from the channel seeds so facet 0 does not start from the channel image's start.
        var seeds = Enumerable.Range(0, facets).Select(f => channel * 16 + f + 1_000_003).ToArray();
        return RenderAsync(objective, options with { BatchSize = facets, ItemSeeds = seeds }, progress, ct);
    }

    private GradientGraphBuilder Builder(int batch)
    {
        lock (_gate)
        {
            if (!_builders.TryGetValue(batch, out var builder))
                _builders[batch] = builder = new GradientGraphBuilder(_model, Manifest.Input.Name, [batch, 3, Manifest.Input.Height, Manifest.Input.Width]);
            return builder;
        }
    }

    /// <summary>The input of the ReLU that produces <paramref name="tensor"/>, or the tensor itself when no ReLU does.</summary>
    private string PreActivationTensor(string tensor)
    {
        var producer = _model.Graph.Node.FirstOrDefault(n => n.Output.Contains(tensor));
        return producer is { OpType: "Relu" } ? producer.Input[0] : tensor;
    }

    /// <summary>Gradient sessions kept for reuse (built or being built).</summary>
    public int CachedSessions => _sessions.Count;

    /// <summary>Disposes the cached sessions; one still running a render is disposed when that render ends.</summary>
    public void Dispose() => _sessions.Dispose();
}

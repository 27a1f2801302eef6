using NeuronAtlas.Core.Models;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// The one gradient-graph objective for a set of layers and a batch size: for each layer, the per-item mean and
/// centre readouts weighted by [N, C] inputs, the cosine of the mean readout with an [N, C] direction input, and (for
/// batches of two or more) diversity times a scalar input. Any <see cref="LayerObjective"/> over those layers is a set
/// of values for these inputs (<see cref="Weights"/>), so one graph and one ONNX Runtime session serve them all.
/// </summary>
public sealed class ReadoutGraph
{
    /// <param name="layerIds">The layers; order and repetition do not matter.</param>
    /// <param name="optimizedTensor">
    /// Maps a layer's tensor to the tensor the readouts read instead (for example a ReLU's input); diversity always
    /// reads the layer's own tensor. Null reads the layers' own tensors.
    /// </param>
    public ReadoutGraph(ModelManifest manifest, IEnumerable<string> layerIds, int batchSize, Func<string, string>? optimizedTensor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Layers = layerIds.Distinct().Order(StringComparer.Ordinal).Select(manifest.GetLayer).ToList();
        if (Layers.Count == 0) throw new ArgumentException("A readout graph needs at least one layer.", nameof(layerIds));
        BatchSize = batchSize;
        Objective = new GraphObjective(Layers.SelectMany(layer =>
        {
            var read = optimizedTensor?.Invoke(layer.Tensor) ?? layer.Tensor;
            IEnumerable<ObjectiveTerm> terms =
            [
                new ChannelWeightsTerm(read, SpatialReadout.Mean, InputName(layer, "mean_weights")),
                new ChannelWeightsTerm(read, SpatialReadout.Centre, InputName(layer, "centre_weights")),
                new CosineToDirectionTerm(read, InputName(layer, "cosine_direction")),
            ];
            return HasDiversity ? terms.Append(new DiversityTerm(layer.Tensor, InputName(layer, "diversity_weight"))) : terms;
        }).ToList());
    }

    /// <summary>The layers, in ordinal order of their ids.</summary>
    public IReadOnlyList<LayerManifest> Layers { get; }

    public int BatchSize { get; }

    /// <summary>Diversity compares items, so a batch of one has no diversity input.</summary>
    public bool HasDiversity => BatchSize >= 2;

    /// <summary>What the gradient graph appends; its weight inputs are fed with <see cref="Weights"/>.</summary>
    public GraphObjective Objective { get; }

    /// <summary>The layers' own tensors, for the per-item read-out of <see cref="LayerObjective.ReadOut"/>.</summary>
    public IReadOnlyList<string> LayerTensors => Layers.Select(l => l.Tensor).Distinct().ToList();

    /// <summary>Equal keys have equal graphs for one model (with the same tensor mapping).</summary>
    public string Key => $"{string.Join(",", Layers.Select(l => l.Id))}|{BatchSize}";

    /// <summary>The value of every weight input that makes the graph compute <paramref name="objective"/>.</summary>
    /// <exception cref="ArgumentException">The objective reads another layer, is written for another batch size or does not fit a layer.</exception>
    public IReadOnlyDictionary<string, float[]> Weights(LayerObjective objective)
    {
        if (objective.ItemCount is { } items && items != BatchSize)
            throw new ArgumentException($"{objective.Description}: written for {items} items, the graph has a batch of {BatchSize}.", nameof(objective));
        var layers = Layers.ToDictionary(l => l.Id, l => new LayerWeights(l, BatchSize));
        foreach (var (factor, term) in objective.Terms)
        {
            if (!layers.TryGetValue(term.LayerId, out var weights))
                throw new ArgumentException($"{term.Description}: layer '{term.LayerId}' is not among this graph's layers ({string.Join(", ", layers.Keys)}).", nameof(objective));
            term.AddWeights(weights, factor);
        }
        var feeds = new Dictionary<string, float[]>();
        foreach (var weights in layers.Values)
        {
            feeds[InputName(weights.Layer, "mean_weights")] = weights.Mean;
            feeds[InputName(weights.Layer, "centre_weights")] = weights.Centre;
            feeds[InputName(weights.Layer, "cosine_direction")] = weights.CosineDirection;
            if (HasDiversity) feeds[InputName(weights.Layer, "diversity_weight")] = [weights.Diversity];
            else if (weights.Diversity != 0)
                throw new ArgumentException($"{objective.Description}: diversity compares batch items, so the batch needs at least 2 (got {BatchSize}).", nameof(objective));
        }
        return feeds;
    }

    private static string InputName(LayerManifest layer, string kind) => $"{layer.Id}.{kind}";
}

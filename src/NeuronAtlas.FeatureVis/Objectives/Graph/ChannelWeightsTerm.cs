using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// Per batch item: the [N, C, spatial...] activation read out per channel (mean or centre), then a
/// weighted sum over channels. Channel and neuron objectives weight one channel by 1; a direction
/// objective weights every channel by the direction vector. Weights are shared ([C]) or per item ([N][C]).
/// </summary>
public sealed class ChannelWeightsTerm : ObjectiveTerm
{
    private readonly IReadOnlyList<float[]>? _weights;
    private readonly IReadOnlyList<int>? _oneHotChannels;

    /// <param name="tensor">An activation of shape [N, C] or [N, C, spatial...].</param>
    /// <param name="weights">One weight vector of length C for all items, or one per batch item.</param>
    public ChannelWeightsTerm(string tensor, IReadOnlyList<float[]> weights, SpatialReadout readout, string description)
        : this(tensor, readout, description)
    {
        if (weights.Count == 0) throw new ArgumentException("At least one weight vector is needed.", nameof(weights));
        if (weights.Any(w => w.Length != weights[0].Length)) throw new ArgumentException("All weight vectors must have the same length.", nameof(weights));
        _weights = weights;
    }

    private ChannelWeightsTerm(string tensor, IReadOnlyList<int> oneHotChannels, SpatialReadout readout, string description)
        : this(tensor, readout, description)
    {
        if (oneHotChannels.Count == 0) throw new ArgumentException("At least one channel is needed.", nameof(oneHotChannels));
        _oneHotChannels = oneHotChannels;
    }

    private ChannelWeightsTerm(string tensor, SpatialReadout readout, string description)
    {
        Tensor = tensor;
        Readout = readout;
        Description = description;
    }

    /// <summary>Weight 1 on one channel: the same channel for every item, or channels[i] for item i.</summary>
    public static ChannelWeightsTerm OneHot(string tensor, IReadOnlyList<int> channels, SpatialReadout readout, string description) =>
        new(tensor, channels, readout, description);

    public override string Tensor { get; }

    public SpatialReadout Readout { get; }

    public override bool IsPerItem => true;

    public override string Description { get; }

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize)
    {
        if (tensorShape.Length < 2 || tensorShape[0] != batchSize)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has shape [{string.Join(",", tensorShape)}], not [N={batchSize}, C, ...].");
        var channels = tensorShape[1];
        var weightRows = _weights ?? _oneHotChannels!.Select(channel => OneHotRow(channel, channels)).ToList();
        if (weightRows[0].Length != channels)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has {channels} channels but the weights have {weightRows[0].Length}.");
        if (weightRows.Count != 1 && weightRows.Count != batchSize)
            throw new ArgumentException($"{Description}: {weightRows.Count} per-item entries for a batch of {batchSize}.");

        var perChannel = tensorShape.Length == 2 ? Tensor : ReadOut(emitter, tensorShape);
        var weights = emitter.Constant(weightRows.SelectMany(w => w).ToArray(), [weightRows.Count, channels]);
        return emitter.ReduceSum(emitter.Mul(perChannel, weights), [1], keepDims: false);
    }

    private float[] OneHotRow(int channel, int channels)
    {
        if (channel < 0 || channel >= channels)
            throw new ArgumentOutOfRangeException(nameof(channel), $"{Description}: channel {channel} is outside 0..{channels - 1} of '{Tensor}'.");
        var row = new float[channels];
        row[channel] = 1f;
        return row;
    }

    private string ReadOut(GraphEmitter emitter, int[] tensorShape)
    {
        var spatialAxes = Enumerable.Range(2, tensorShape.Length - 2).ToArray();
        if (Readout == SpatialReadout.Mean) return emitter.ReduceMean(Tensor, spatialAxes, keepDims: false);
        var centre = spatialAxes.Select(axis => (long)(tensorShape[axis] / 2)).ToArray();
        var slice = emitter.Slice(Tensor, centre, centre.Select(c => c + 1), spatialAxes.Select(a => (long)a));
        return emitter.Reshape(slice, [tensorShape[0], tensorShape[1]]);
    }
}

using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// Per batch item: the [N, C, spatial...] activation read out per channel (mean or centre), then a weighted sum over
/// channels with the [N, C] weights fed as a graph input. One-hot rows give channel and neuron objectives, a direction
/// row a direction objective, zero rows nothing: the graph is the same for all of them.
/// </summary>
/// <param name="tensor">An activation of shape [N, C] or [N, C, spatial...].</param>
/// <param name="weightInput">The name of the [N, C] weight input the term declares.</param>
public sealed class ChannelWeightsTerm(string tensor, SpatialReadout readout, string weightInput) : ObjectiveTerm
{
    public override string Tensor { get; } = tensor;

    public SpatialReadout Readout { get; } = readout;

    public override bool IsPerItem => true;

    public override string Description => $"{Readout} readout of {Tensor} · {weightInput}";

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize)
    {
        if (tensorShape.Length < 2 || tensorShape[0] != batchSize)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has shape [{string.Join(",", tensorShape)}], not [N={batchSize}, C, ...].");
        var perChannel = tensorShape.Length == 2 ? Tensor : ReadOut(emitter, tensorShape);
        var weights = emitter.FloatInput(weightInput, [batchSize, tensorShape[1]]);
        return emitter.ReduceSum(emitter.Mul(perChannel, weights), [1], keepDims: false);
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

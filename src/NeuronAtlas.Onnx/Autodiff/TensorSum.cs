using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// The sum of every element of a tensor: its gradient is the backward pass seeded with ones. Enough to check
/// gradients (weight the tensor first for a seed of your own) and to differentiate a scalar the graph already computes.
/// </summary>
public sealed class TensorSum(string tensor) : IGraphObjective
{
    public string Tensor { get; } = tensor;

    public IEnumerable<string> Tensors => [Tensor];

    public ObjectiveOutputs Emit(GraphEmitter emitter, ResolvedTensors resolved, int batchSize)
    {
        var shape = resolved.Shape(Tensor);
        var total = shape.Length == 0 ? emitter.Node("Identity", [Tensor]) : emitter.ReduceSum(Tensor, Enumerable.Range(0, shape.Length), keepDims: false);
        return new ObjectiveOutputs(null, total);
    }

    public override string ToString() => $"sum({Tensor})";
}

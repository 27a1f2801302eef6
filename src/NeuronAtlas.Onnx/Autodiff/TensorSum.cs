using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Objectives;

/// <summary>The sum of every element of a tensor: one value for the whole batch.</summary>
public sealed class TensorSumTerm(string tensor) : ObjectiveTerm
{
    public override string Tensor { get; } = tensor;

    public override bool IsPerItem => false;

    public override string Description => $"sum({Tensor})";

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize) =>
        tensorShape.Length == 0 ? emitter.Node("Identity", [Tensor]) : emitter.ReduceSum(Tensor, Enumerable.Range(0, tensorShape.Length), keepDims: false);
}

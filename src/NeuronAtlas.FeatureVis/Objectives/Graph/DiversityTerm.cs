using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// Lucid's diversity: with G_i the Gram matrix (channels × channels) of batch item i's activation,
/// normalized to unit Frobenius norm, the term is -Σ_{i≠j} ⟨G_i, G_j⟩ / N — one value for the whole batch
/// that grows as the items' styles differ.
/// </summary>
public sealed class DiversityTerm(string tensor) : ObjectiveTerm
{
    /// <summary>Lucid's l2_normalize epsilon on the squared norm.</summary>
    private const float NormEpsilon = 1e-10f;

    public override string Tensor { get; } = tensor;

    public override bool IsPerItem => false;

    public override string Description => $"diversity({Tensor})";

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize)
    {
        if (tensorShape.Length < 2) throw new ArgumentException($"{Description}: tensor '{Tensor}' must be [N, C, ...].");
        var (items, channels) = (tensorShape[0], tensorShape[1]);
        var positions = tensorShape.Skip(2).Aggregate(1, (a, b) => a * b);
        var e = emitter;
        var flat = e.Reshape(Tensor, [items, channels, positions]);
        var gram = e.Node("MatMul", [flat, e.Transpose(flat, [0, 2, 1])]);
        var squaredNorm = e.ReduceSum(e.Mul(gram, gram), [1, 2], keepDims: true);
        var norm = e.Node("Sqrt", [e.Node("Max", [squaredNorm, e.Constant(NormEpsilon)])]);
        var unitGrams = e.Reshape(e.Div(gram, norm), [items, channels * channels]);
        var similarities = e.Node("MatMul", [unitGrams, e.Transpose(unitGrams, [1, 0])]);
        var offDiagonal = new float[items * items];
        for (var i = 0; i < items; i++)
            for (var j = 0; j < items; j++)
                offDiagonal[i * items + j] = i == j ? 0f : 1f;
        var pairSum = e.ReduceSum(e.Mul(similarities, e.Constant(offDiagonal, [items, items])), [0, 1], keepDims: false);
        return e.Scale(pairSum, -1f / items);
    }
}

using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// Per batch item, cos(x, t̂) = (x · t̂) / sqrt(Σ x_i² + ε), where x is the item's position-averaged [N, C, ...]
/// activation (or the [N, C] tensor itself) and t̂ a direction of length C per item, fed as an [N, C] graph input. Unlike
/// a direction objective (the dot product alone), it does not reward a longer x: what CLIP compares is the angle. The
/// cosine is linear in t̂, so w₁ cos(x, t̂₁) + w₂ cos(x, t̂₂) is one term with direction w₁ t̂₁ + w₂ t̂₂, and a zero
/// direction contributes nothing.
/// </summary>
/// <param name="directionInput">The name of the [N, C] direction input the term declares; pass unit vectors for a true cosine.</param>
public sealed class CosineToDirectionTerm(string tensor, string directionInput) : ObjectiveTerm
{
    /// <summary>Keeps the norm finite for an all-zero activation.</summary>
    private const float SquaredNormEpsilon = 1e-12f;

    public override string Tensor { get; } = tensor;

    public override bool IsPerItem => true;

    public override string Description => $"cosine({Tensor}, {directionInput})";

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize)
    {
        if (tensorShape.Length < 2 || tensorShape[0] != batchSize)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has shape [{string.Join(",", tensorShape)}], not [N={batchSize}, C, ...].");
        var e = emitter;
        var x = tensorShape.Length == 2 ? Tensor : e.ReduceMean(Tensor, Enumerable.Range(2, tensorShape.Length - 2), keepDims: false);
        var dot = e.ReduceSum(e.Mul(x, e.FloatInput(directionInput, [batchSize, tensorShape[1]])), [1], keepDims: false);
        var squaredNorm = e.ReduceSum(e.Mul(x, x), [1], keepDims: false);
        var norm = e.Node("Sqrt", [e.Add(squaredNorm, e.Constant(SquaredNormEpsilon))]);
        return e.Div(dot, norm);
    }

    /// <summary>The same cosine computed directly from one item's C values.</summary>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> direction)
    {
        double dot = 0, squared = 0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * (double)direction[i];
            squared += x[i] * (double)x[i];
        }
        return (float)(dot / Math.Sqrt(squared + SquaredNormEpsilon));
    }
}

using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// Per batch item, cos(x, t̂) = (x · t̂) / sqrt(Σ x_i² + ε), where x is the item's position-averaged [N, C, ...]
/// activation (or the [N, C] tensor itself) and t̂ a unit direction of length C. Unlike a direction objective (the dot
/// product alone), it does not reward a longer x: what CLIP compares is the angle.
/// </summary>
public sealed class CosineToDirectionTerm : ObjectiveTerm
{
    /// <summary>Keeps the norm finite for an all-zero activation.</summary>
    private const float SquaredNormEpsilon = 1e-12f;

    private readonly float[] _direction;

    /// <param name="direction">Length C; it is used as given, so pass a unit vector for a true cosine.</param>
    public CosineToDirectionTerm(string tensor, float[] direction, string description)
    {
        if (direction.Length == 0) throw new ArgumentException("The direction is empty.", nameof(direction));
        Tensor = tensor;
        _direction = direction;
        Description = description;
    }

    public override string Tensor { get; }

    public override bool IsPerItem => true;

    public override string Description { get; }

    public override string Emit(GraphEmitter emitter, int[] tensorShape, int batchSize)
    {
        if (tensorShape.Length < 2 || tensorShape[0] != batchSize)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has shape [{string.Join(",", tensorShape)}], not [N={batchSize}, C, ...].");
        if (tensorShape[1] != _direction.Length)
            throw new ArgumentException($"{Description}: tensor '{Tensor}' has {tensorShape[1]} channels but the direction has {_direction.Length}.");
        var e = emitter;
        var x = tensorShape.Length == 2 ? Tensor : e.ReduceMean(Tensor, Enumerable.Range(2, tensorShape.Length - 2), keepDims: false);
        var dot = e.ReduceSum(e.Mul(x, e.Constant(_direction, [1, _direction.Length])), [1], keepDims: false);
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

namespace NeuronAtlas.Onnx.Analysis;

/// <summary>The floating-point operations of one forward pass of a graph, per op type.</summary>
/// <param name="OpTypes">One row per op type the counter knows, the most expensive first (ops that move data count zero).</param>
/// <param name="UncountedOpTypes">Op types the counter has no rule for, with their node counts: the totals leave them out.</param>
public sealed record FlopCount(IReadOnlyList<OpTypeFlops> OpTypes, IReadOnlyDictionary<string, int> UncountedOpTypes)
{
    /// <summary>2 x the multiply-adds of the convolutions and matrix products.</summary>
    public long MultiplyAddFlops => OpTypes.Sum(o => o.MultiplyAddFlops);

    public long OtherFlops => OpTypes.Sum(o => o.OtherFlops);

    public long Total => MultiplyAddFlops + OtherFlops;
}

namespace NeuronAtlas.Onnx.Analysis;

/// <summary>
/// The floating-point operations of all nodes of one op type. <see cref="MultiplyAddFlops"/> is 2 x the
/// multiply-adds of Conv, ConvTranspose, Gemm and MatMul; <see cref="OtherFlops"/> is everything else
/// (bias adds, elementwise ops, normalization, pooling, reductions).
/// </summary>
public sealed record OpTypeFlops(string OpType, int Nodes, long MultiplyAddFlops, long OtherFlops)
{
    public long Total => MultiplyAddFlops + OtherFlops;
}

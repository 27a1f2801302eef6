using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of MatMul (numpy semantics: 1-D operands, batched and broadcast stacks) and Gemm.</summary>
internal static class MatMulGradients
{
    /// <summary>For Y = A B: dA = dY Bᵀ and dB = Aᵀ dY, summed over broadcast batch dimensions.</summary>
    public static void MatMul(GradientContext c)
    {
        var e = c.Emit;
        var aShape = c.IShape(0);
        var bShape = c.IShape(1);
        // A 1-D operand acts as a row (A) or column (B) matrix whose extra dimension the output drops.
        var a = aShape.Length == 1 ? e.Reshape(c.I(0), [1, aShape[0]]) : c.I(0);
        var b = bShape.Length == 1 ? e.Reshape(c.I(1), [bShape[0], 1]) : c.I(1);
        var aMatrix = aShape.Length == 1 ? [1, aShape[0]] : aShape;
        var bMatrix = bShape.Length == 1 ? [bShape[0], 1] : bShape;
        var outputShape = c.OShape(0).ToList();
        if (aShape.Length == 1) outputShape.Insert(outputShape.Count - (bShape.Length == 1 ? 0 : 1), 1);
        if (bShape.Length == 1) outputShape.Add(1);
        var gradient = outputShape.SequenceEqual(c.OShape(0)) ? c.GO(0) : e.Reshape(c.GO(0), outputShape);
        var batch = outputShape.Take(outputShape.Count - 2).ToArray();

        if (c.NeedsGI(0))
        {
            var full = e.Node("MatMul", [gradient, TransposeLastTwo(e, b, bMatrix.Length)]);
            c.SetGI(0, ReduceToOperand(e, full, [.. batch, aMatrix[^2], aMatrix[^1]], aMatrix, aShape));
        }
        if (c.NeedsGI(1))
        {
            var full = e.Node("MatMul", [TransposeLastTwo(e, a, aMatrix.Length), gradient]);
            c.SetGI(1, ReduceToOperand(e, full, [.. batch, bMatrix[^2], bMatrix[^1]], bMatrix, bShape));
        }
    }

    /// <summary>
    /// For Y = alpha A' B' + beta C with A' = transA ? Aᵀ : A (likewise B'):
    /// dA' = alpha dY B'ᵀ, dB' = alpha A'ᵀ dY, dC = beta dY summed to C's shape. Each is written as one Gemm.
    /// </summary>
    public static void Gemm(GradientContext c)
    {
        var e = c.Emit;
        var alpha = c.Node.GetFloat("alpha", 1f);
        var beta = c.Node.GetFloat("beta", 1f);
        var transA = c.Node.GetInt("transA", 0) != 0;
        var transB = c.Node.GetInt("transB", 0) != 0;
        var dy = c.GO(0);
        if (c.NeedsGI(0))
        {
            c.SetGI(0, transA
                ? GemmNode(e, c.I(1), dy, alpha, transB, true)
                : GemmNode(e, dy, c.I(1), alpha, false, !transB));
        }
        if (c.NeedsGI(1))
        {
            c.SetGI(1, transB
                ? GemmNode(e, dy, c.I(0), alpha, true, transA)
                : GemmNode(e, c.I(0), dy, alpha, !transA, false));
        }
        if (c.NeedsGI(2))
            c.SetGI(2, c.ReduceToInput(2, beta == 1f ? dy : e.Scale(dy, beta), c.OShape(0)));
    }

    private static string GemmNode(GraphEmitter e, string a, string b, float alpha, bool transA, bool transB) =>
        e.Node("Gemm", [a, b],
            OnnxAttribute.Float("alpha", alpha), OnnxAttribute.Int("transA", transA ? 1 : 0), OnnxAttribute.Int("transB", transB ? 1 : 0));

    /// <summary>Sums over broadcast batch dimensions to the operand's matrix form, then drops a 1-D operand's extra axis.</summary>
    private static string ReduceToOperand(GraphEmitter e, string gradient, int[] gradientShape, int[] matrixShape, int[] operandShape)
    {
        var reduced = e.ReduceToShape(gradient, gradientShape, matrixShape);
        return matrixShape.Length == operandShape.Length ? reduced : e.Reshape(reduced, operandShape);
    }

    private static string TransposeLastTwo(GraphEmitter e, string x, int rank)
    {
        var permutation = Enumerable.Range(0, rank).ToArray();
        (permutation[^1], permutation[^2]) = (permutation[^2], permutation[^1]);
        return e.Transpose(x, permutation);
    }
}

using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of softmax and normalization layers.</summary>
internal static class NormalizationGradients
{
    /// <summary>dx = y (dy - Σ dy·y) along the softmax axis.</summary>
    public static void Softmax(GradientContext c)
    {
        var e = c.Emit;
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", -1), c.IShape(0).Length);
        var weighted = e.ReduceSum(e.Mul(c.GO(0), c.O(0)), [axis], keepDims: true);
        c.SetGI(0, e.Mul(c.O(0), e.Sub(c.GO(0), weighted)));
    }

    /// <summary>dx = dy - exp(y) Σ dy along the axis.</summary>
    public static void LogSoftmax(GradientContext c)
    {
        var e = c.Emit;
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", -1), c.IShape(0).Length);
        var total = e.ReduceSum(c.GO(0), [axis], keepDims: true);
        c.SetGI(0, e.Sub(c.GO(0), e.Mul(e.Node("Exp", [c.O(0)]), total)));
    }

    /// <summary>
    /// With x̂ = (x - μ) / σ over the normalized axes and g = dy·scale:
    /// dx = (g - mean(g) - x̂ mean(g x̂)) / σ, dscale = Σ dy x̂, dbias = Σ dy (over the other axes).
    /// </summary>
    public static void LayerNormalization(GradientContext c)
    {
        if (c.OutputCount > 1 && (c.HasGO(1) || c.HasGO(2))) throw c.Unsupported("gradients flowing into the Mean or InvStdDev outputs");
        var e = c.Emit;
        var shape = c.IShape(0);
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", -1), shape.Length);
        var normalized = Enumerable.Range(axis, shape.Length - axis).ToArray();
        var epsilon = c.Node.GetFloat("epsilon", 1e-5f);

        var centred = e.Sub(c.I(0), e.ReduceMean(c.I(0), normalized, keepDims: true));
        var variance = e.ReduceMean(e.Mul(centred, centred), normalized, keepDims: true);
        var inverseDeviation = e.Node("Reciprocal", [e.Node("Sqrt", [e.Add(variance, e.Constant(epsilon))])]);
        var standardized = e.Mul(centred, inverseDeviation);
        var dy = c.GO(0);

        if (c.NeedsGI(0))
        {
            var g = e.Mul(dy, c.I(1));
            var meanG = e.ReduceMean(g, normalized, keepDims: true);
            var meanGx = e.ReduceMean(e.Mul(g, standardized), normalized, keepDims: true);
            var inner = e.Sub(e.Sub(g, meanG), e.Mul(standardized, meanGx));
            c.SetGI(0, e.Mul(inner, inverseDeviation));
        }
        c.SetBroadcastGI(1, () => e.Mul(dy, standardized));
        c.SetBroadcastGI(2, () => dy);
    }

    /// <summary>Inference mode: y = (x - mean) · scale / √(var + ε) + bias, so dx = dy · scale / √(var + ε) per channel.</summary>
    public static void BatchNormalization(GradientContext c)
    {
        if (c.Node.GetInt("training_mode", 0) != 0) throw c.Unsupported("training mode");
        if (Enumerable.Range(1, 4).Any(c.NeedsGI)) throw c.Unsupported("gradients for scale, bias, mean or variance");
        var e = c.Emit;
        var shape = c.IShape(0);
        var epsilon = c.Node.GetFloat("epsilon", 1e-5f);
        var factor = e.Div(c.I(1), e.Node("Sqrt", [e.Add(c.I(4), e.Constant(epsilon))]));
        int[] perChannel = [shape[1], .. Enumerable.Repeat(1, shape.Length - 2)];
        c.SetGI(0, e.Mul(c.GO(0), e.Reshape(factor, perChannel)));
    }
}

using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of the Reduce* ops: dY is brought back to keepdims form and broadcast over the reduced axes.</summary>
internal static class ReduceGradients
{
    public static void ReduceSum(GradientContext c)
    {
        if (c.NeedsGI(0)) c.SetGI(0, c.Emit.Expand(KeptGradient(c, out _), c.IShape(0)));
    }

    public static void ReduceMean(GradientContext c)
    {
        if (!c.NeedsGI(0)) return;
        var gradient = KeptGradient(c, out var axes);
        var count = axes.Aggregate(1, (product, axis) => product * c.IShape(0)[axis]);
        c.SetGI(0, c.Emit.Scale(c.Emit.Expand(gradient, c.IShape(0)), 1f / count));
    }

    /// <summary>The gradient goes to every element equal to the extreme (ties all get it).</summary>
    public static void ReduceMaxOrMin(GradientContext c)
    {
        if (!c.NeedsGI(0)) return;
        var e = c.Emit;
        var gradient = KeptGradient(c, out var axes);
        var extreme = KeptForm(c, c.O(0), axes);
        var isExtreme = e.Node("Equal", [c.I(0), extreme]);
        c.SetGI(0, e.Node("Where", [isExtreme, gradient, e.Constant(0f)]));
    }

    /// <summary>d(Σx²)/dx = 2x.</summary>
    public static void ReduceSumSquare(GradientContext c)
    {
        if (c.NeedsGI(0)) c.SetGI(0, c.Emit.Mul(KeptGradient(c, out _), c.Emit.Scale(c.I(0), 2f)));
    }

    /// <summary>d‖x‖/dx = x / ‖x‖.</summary>
    public static void ReduceL2(GradientContext c)
    {
        if (!c.NeedsGI(0)) return;
        var e = c.Emit;
        var gradient = KeptGradient(c, out var axes);
        var norm = KeptForm(c, c.O(0), axes);
        c.SetGI(0, e.Mul(gradient, e.Div(c.I(0), norm)));
    }

    /// <summary>dY reshaped so the reduced axes are kept as size 1, ready to broadcast against the input.</summary>
    private static string KeptGradient(GradientContext c, out int[] axes)
    {
        axes = ReducedAxes(c);
        return KeptForm(c, c.GO(0), axes);
    }

    private static string KeptForm(GradientContext c, string outputShaped, int[] axes)
    {
        if (c.Node.GetInt("keepdims", 1) != 0) return outputShaped;
        var keptShape = c.IShape(0).Select((size, axis) => axes.Contains(axis) ? 1 : size);
        return c.Emit.Reshape(outputShaped, keptShape);
    }

    private static int[] ReducedAxes(GradientContext c)
    {
        var rank = c.IShape(0).Length;
        var axes = c.Node.GetInts("axes") ?? (c.HasInput(1) ? c.ConstantIntegers(1) : []);
        if (axes.Length == 0)
        {
            if (c.Node.GetInt("noop_with_empty_axes", 0) != 0) throw c.Unsupported("noop_with_empty_axes with no axes");
            return Enumerable.Range(0, rank).ToArray();
        }
        return axes.Select(a => GradientContext.NormalizeAxis(a, rank)).ToArray();
    }
}

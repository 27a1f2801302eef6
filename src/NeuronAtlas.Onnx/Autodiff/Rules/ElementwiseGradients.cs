using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of elementwise ops, with operands broadcast numpy-style summed back to their shapes.</summary>
internal static class ElementwiseGradients
{
    public static void Add(GradientContext c)
    {
        c.SetBroadcastGI(0, () => c.GO(0));
        c.SetBroadcastGI(1, () => c.GO(0));
    }

    public static void Sum(GradientContext c)
    {
        for (var i = 0; i < c.InputCount; i++) c.SetBroadcastGI(i, () => c.GO(0));
    }

    public static void Sub(GradientContext c)
    {
        c.SetBroadcastGI(0, () => c.GO(0));
        c.SetBroadcastGI(1, () => c.Emit.Neg(c.GO(0)));
    }

    public static void Mul(GradientContext c)
    {
        c.SetBroadcastGI(0, () => c.Emit.Mul(c.GO(0), c.I(1)));
        c.SetBroadcastGI(1, () => c.Emit.Mul(c.GO(0), c.I(0)));
    }

    /// <summary>d(a/b)/da = 1/b, d(a/b)/db = -(a/b)/b.</summary>
    public static void Div(GradientContext c)
    {
        c.SetBroadcastGI(0, () => c.Emit.Div(c.GO(0), c.I(1)));
        c.SetBroadcastGI(1, () => c.Emit.Neg(c.Emit.Div(c.Emit.Mul(c.GO(0), c.O(0)), c.I(1))));
    }

    public static void Neg(GradientContext c) => c.SetGI(0, c.Emit.Neg(c.GO(0)));

    public static void Identity(GradientContext c) => c.SetGI(0, c.GO(0));

    /// <summary>A float-to-float cast passes the gradient back in the input's float type.</summary>
    public static void Cast(GradientContext c)
        => c.SetGI(0, c.Emit.Node("Cast", [c.GO(0)], OnnxAttribute.Int("to", (int)c.ElementType(c.I(0)))));

    public static void Relu(GradientContext c) => c.SetGI(0, PassWhere(c, c.Emit.Node("Greater", [c.O(0), c.Emit.Constant(0f)])));

    public static void LeakyRelu(GradientContext c)
    {
        var alpha = c.Node.GetFloat("alpha", 0.01f);
        var slope = c.Emit.Node("Where", [c.Emit.Node("Greater", [c.I(0), c.Emit.Constant(0f)]), c.Emit.Constant(1f), c.Emit.Constant(alpha)]);
        c.SetGI(0, c.Emit.Mul(c.GO(0), slope));
    }

    /// <summary>y' = y (1 - y).</summary>
    public static void Sigmoid(GradientContext c)
    {
        var e = c.Emit;
        c.SetGI(0, e.Mul(c.GO(0), e.Mul(c.O(0), e.Sub(e.Constant(1f), c.O(0)))));
    }

    /// <summary>y' = 1 - y².</summary>
    public static void Tanh(GradientContext c)
    {
        var e = c.Emit;
        c.SetGI(0, e.Mul(c.GO(0), e.Sub(e.Constant(1f), e.Mul(c.O(0), c.O(0)))));
    }

    public static void Exp(GradientContext c) => c.SetGI(0, c.Emit.Mul(c.GO(0), c.O(0)));

    public static void Log(GradientContext c) => c.SetGI(0, c.Emit.Div(c.GO(0), c.I(0)));

    /// <summary>y' = 1 / (2 y).</summary>
    public static void Sqrt(GradientContext c) => c.SetGI(0, c.Emit.Div(c.Emit.Scale(c.GO(0), 0.5f), c.O(0)));

    /// <summary>y' = -y².</summary>
    public static void Reciprocal(GradientContext c) =>
        c.SetGI(0, c.Emit.Neg(c.Emit.Mul(c.GO(0), c.Emit.Mul(c.O(0), c.O(0)))));

    /// <summary>d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln a. A constant exponent is folded in.</summary>
    public static void Pow(GradientContext c)
    {
        var e = c.Emit;
        c.SetBroadcastGI(0, () =>
        {
            var exponent = c.FloatConstant(c.I(1));
            if (exponent is { Length: 1 })
            {
                var power = exponent[0] == 2f ? c.I(0) : e.Node("Pow", [c.I(0), e.Constant(exponent[0] - 1f)]);
                return e.Mul(c.GO(0), e.Scale(power, exponent[0]));
            }
            if (!c.IsFloat(c.I(1))) throw c.Unsupported("a non-constant integer exponent");
            var lowered = e.Node("Pow", [c.I(0), e.Sub(c.I(1), e.Constant(1f))]);
            return e.Mul(c.GO(0), e.Mul(c.I(1), lowered));
        });
        c.SetBroadcastGI(1, () => e.Mul(c.GO(0), e.Mul(c.O(0), e.Node("Log", [c.I(0)]))));
    }

    /// <summary>erf'(x) = 2/√π exp(-x²).</summary>
    public static void Erf(GradientContext c)
    {
        var e = c.Emit;
        var gaussian = e.Node("Exp", [e.Neg(e.Mul(c.I(0), c.I(0)))]);
        c.SetGI(0, e.Mul(c.GO(0), e.Scale(gaussian, (float)(2 / Math.Sqrt(Math.PI)))));
    }

    public static void Abs(GradientContext c) => c.SetGI(0, c.Emit.Mul(c.GO(0), c.Emit.Node("Sign", [c.I(0)])));

    /// <summary>The gradient passes where min ≤ x ≤ max; min and max (optional inputs) get none.</summary>
    public static void Clip(GradientContext c)
    {
        var e = c.Emit;
        if (c.NeedsGI(1) || c.NeedsGI(2)) throw c.Unsupported("gradients for the min and max inputs");
        string? inside = null;
        if (c.HasInput(1)) inside = e.Node("GreaterOrEqual", [c.I(0), c.I(1)]);
        if (c.HasInput(2))
        {
            var belowMax = e.Node("LessOrEqual", [c.I(0), c.I(2)]);
            inside = inside is null ? belowMax : e.Node("And", [inside, belowMax]);
        }
        c.SetGI(0, inside is null ? c.GO(0) : PassWhere(c, inside));
    }

    /// <summary>Each input gets the gradient where it equals the output (all tied inputs get it).</summary>
    public static void MaxOrMin(GradientContext c)
    {
        for (var i = 0; i < c.InputCount; i++)
        {
            var input = i;
            c.SetBroadcastGI(input, () => PassWhere(c, c.Emit.Node("Equal", [c.I(input), c.O(0)])));
        }
    }

    public static void Where(GradientContext c)
    {
        var e = c.Emit;
        c.SetBroadcastGI(1, () => e.Node("Where", [c.I(0), c.GO(0), e.Constant(0f)]));
        c.SetBroadcastGI(2, () => e.Node("Where", [c.I(0), e.Constant(0f), c.GO(0)]));
    }

    /// <summary>GO where the condition holds, zero elsewhere, in the broadcast shape of both.</summary>
    private static string PassWhere(GradientContext c, string condition) =>
        c.Emit.Node("Where", [condition, c.GO(0), c.Emit.Constant(0f)]);
}

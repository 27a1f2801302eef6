using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of convolution, pooling and padding over [N, C, spatial...] tensors.</summary>
internal static class ConvPoolGradients
{
    /// <summary>
    /// dX is the ConvTranspose of dY with the same weights; dW correlates the input with dY (one Conv per
    /// group, batch and channel axes swapped); dB sums dY over batch and space.
    /// </summary>
    public static void Conv(GradientContext c)
    {
        var e = c.Emit;
        var weightShape = c.IShape(1);
        var geometry = WindowGeometry.Of(c.Node, c.IShape(0), c.OShape(0), weightShape[2..]);
        var group = (int)c.Node.GetInt("group", 1);
        if (c.NeedsGI(0))
            c.SetGI(0, e.Node("ConvTranspose", [c.GO(0), c.I(1)], geometry.TransposeAttributes(group)));
        if (c.NeedsGI(1))
            c.SetGI(1, ConvWeightGradient(c, geometry, group));
        if (c.NeedsGI(2))
            c.SetGI(2, e.ReduceSum(c.GO(0), [0, .. geometry.SpatialAxes], keepDims: false));
    }

    private static string ConvWeightGradient(GradientContext c, WindowGeometry geometry, int group)
    {
        var e = c.Emit;
        var inputChannels = c.IShape(0)[1] / group;
        var outputChannels = c.OShape(0)[1] / group;
        var swapBatchAndChannels = Enumerable.Range(0, geometry.SpatialRank + 2).ToArray();
        (swapBatchAndChannels[0], swapBatchAndChannels[1]) = (1, 0);
        var parts = new List<string>();
        for (var g = 0; g < group; g++)
        {
            var x = group == 1 ? c.I(0) : e.Slice(c.I(0), [g * inputChannels], [(g + 1) * inputChannels], [1]);
            var dy = group == 1 ? c.GO(0) : e.Slice(c.GO(0), [g * outputChannels], [(g + 1) * outputChannels], [1]);
            var correlation = e.Node("Conv", [e.Transpose(x, swapBatchAndChannels), e.Transpose(dy, swapBatchAndChannels)],
                OnnxAttribute.Ints("strides", geometry.Dilations), OnnxAttribute.Ints("dilations", geometry.Strides),
                OnnxAttribute.Ints("pads", [.. geometry.PadsBegin, .. geometry.PadsEnd]));
            // The correlation may reach past the kernel when the pads are generous; keep the kernel's extent.
            var kernel = e.Slice(correlation, new long[geometry.SpatialRank], geometry.Kernel.Select(k => (long)k),
                geometry.SpatialAxes.Select(a => (long)a));
            parts.Add(e.Transpose(kernel, swapBatchAndChannels));
        }
        return parts.Count == 1 ? parts[0] : e.Node("Concat", parts, OnnxAttribute.Int("axis", 0));
    }

    /// <summary>
    /// Each output spreads dY / divisor evenly over its window (a ConvTranspose with a kernel of ones).
    /// The divisor per window is read off the op itself: AveragePool of ones gives covered/divisor, and
    /// the covered count is known, so count_include_pad and ceil_mode behave exactly as the runtime does.
    /// </summary>
    public static void AveragePool(GradientContext c)
    {
        var e = c.Emit;
        var inputShape = c.IShape(0);
        var kernel = c.Node.GetInts("kernel_shape")!.Select(k => (int)k).ToArray();
        var geometry = WindowGeometry.Of(c.Node, inputShape, c.OShape(0), kernel);
        int[] onesShape = [1, 1, .. geometry.Input];
        var ones = e.Constant(Enumerable.Repeat(1f, onesShape.Skip(2).Aggregate(1, (a, b) => a * b)).ToArray(), onesShape);
        var poolOfOnes = e.Node("AveragePool", [ones], c.Node.Attribute.Select(a => a.Clone()).ToArray());
        var covered = geometry.CoveredCounts().Select(n => Math.Max(n, 1f)).ToArray();
        var reciprocalDivisor = e.Div(poolOfOnes, e.Constant(covered, [1, 1, .. geometry.Output]));
        var scaled = e.Mul(c.GO(0), reciprocalDivisor);
        c.SetGI(0, SpreadOverWindows(c, geometry, scaled));
    }

    /// <summary>Each output's gradient goes to the input element its max came from (ties: the one MaxPool picked).</summary>
    public static void MaxPool(GradientContext c)
    {
        var e = c.Emit;
        if (c.Node.GetInt("storage_order", 0) != 0) throw c.Unsupported("storage_order=1");
        if (e.Opset < 16) throw c.Unsupported("opsets before 16 lack ScatterElements with reduction=add");
        var inputShape = c.IShape(0);
        var withIndices = e.Node("MaxPool", [c.I(0)], 2, c.Node.Attribute.Select(a => a.Clone()).ToArray());
        var flatIndices = e.Reshape(withIndices[1], [-1]);
        var flatGradient = e.Reshape(c.GO(0), [-1]);
        var zeros = e.Zeros([inputShape.Aggregate(1, (a, b) => a * b)]);
        var scattered = e.Node("ScatterElements", [zeros, flatIndices, flatGradient],
            OnnxAttribute.Int("axis", 0), OnnxAttribute.String("reduction", "add"));
        c.SetGI(0, e.Reshape(scattered, inputShape));
    }

    public static void GlobalAveragePool(GradientContext c)
    {
        var inputShape = c.IShape(0);
        var positions = inputShape.Skip(2).Aggregate(1, (a, b) => a * b);
        c.SetGI(0, c.Emit.Scale(c.Emit.Expand(c.GO(0), inputShape), 1f / positions));
    }

    public static void GlobalMaxPool(GradientContext c)
    {
        var e = c.Emit;
        var isMax = e.Node("Equal", [c.I(0), c.O(0)]);
        c.SetGI(0, e.Node("Where", [isMax, c.GO(0), e.Constant(0f)]));
    }

    /// <summary>Constant padding: the gradient is dY with the padding sliced off.</summary>
    public static void Pad(GradientContext c)
    {
        var mode = c.Node.GetString("mode", "constant");
        if (mode != "constant") throw c.Unsupported($"mode '{mode}'");
        var inputShape = c.IShape(0);
        var pads = c.ConstantIntegers(1);
        var axes = c.HasInput(3)
            ? c.ConstantIntegers(3).Select(a => GradientContext.NormalizeAxis(a, inputShape.Length)).ToArray()
            : Enumerable.Range(0, inputShape.Length).ToArray();
        if (pads.Any(p => p < 0)) throw c.Unsupported("negative pads");
        var starts = pads[..axes.Length];
        var ends = axes.Select((axis, i) => starts[i] + inputShape[axis]);
        c.SetGI(0, c.Emit.Slice(c.GO(0), starts, ends, axes.Select(a => (long)a)));
    }

    /// <summary>Adds each output-window value to every input element of its window, per channel.</summary>
    private static string SpreadOverWindows(GradientContext c, WindowGeometry geometry, string outputShaped)
    {
        var e = c.Emit;
        var inputShape = c.IShape(0);
        var batchTimesChannels = inputShape[0] * inputShape[1];
        var asSingleChannel = e.Reshape(outputShaped, [batchTimesChannels, 1, .. geometry.Output]);
        var kernelSize = geometry.Kernel.Aggregate(1, (a, b) => a * b);
        var onesKernel = e.Constant(Enumerable.Repeat(1f, kernelSize).ToArray(), [1, 1, .. geometry.Kernel]);
        var spread = e.Node("ConvTranspose", [asSingleChannel, onesKernel], geometry.TransposeAttributes(group: 1));
        return e.Reshape(spread, inputShape);
    }
}

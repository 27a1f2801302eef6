using NeuronAtlas.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>Gradients of ops that move, select or copy elements without changing their values.</summary>
internal static class ShapeGradients
{
    /// <summary>Reshape, Flatten, Squeeze, Unsqueeze: the gradient is reshaped back to the input's shape.</summary>
    public static void ReshapeBack(GradientContext c)
    {
        if (c.NeedsGI(0)) c.SetGI(0, c.Emit.Reshape(c.GO(0), c.IShape(0)));
    }

    public static void Transpose(GradientContext c)
    {
        var rank = c.IShape(0).Length;
        var permutation = c.Node.GetInts("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, rank).Reverse().ToArray();
        var inverse = new int[rank];
        for (var i = 0; i < rank; i++) inverse[permutation[i]] = i;
        c.SetGI(0, c.Emit.Transpose(c.GO(0), inverse));
    }

    /// <summary>Each input gets its own stretch of dY along the concatenation axis.</summary>
    public static void Concat(GradientContext c)
    {
        var rank = c.OShape(0).Length;
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", 0), rank);
        long offset = 0;
        for (var i = 0; i < c.InputCount; i++)
        {
            var size = c.IShape(i)[axis];
            if (c.NeedsGI(i)) c.SetGI(i, c.Emit.Slice(c.GO(0), [offset], [offset + size], [axis]));
            offset += size;
        }
    }

    /// <summary>The outputs' gradients (zeros for unused outputs) concatenated back together.</summary>
    public static void Split(GradientContext c)
    {
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", 0), c.IShape(0).Length);
        var parts = Enumerable.Range(0, c.OutputCount).Select(c.GO).ToList();
        c.SetGI(0, c.Emit.Node("Concat", parts, OnnxAttribute.Int("axis", axis)));
    }

    public static void Expand(GradientContext c) => c.SetGI(0, c.ReduceToInput(0, c.GO(0), c.OShape(0)));

    /// <summary>
    /// With unit steps the gradient is dY padded back with zeros; with other steps it is scattered to the
    /// input positions the slice read (computed here, since the shapes are known).
    /// </summary>
    public static void Slice(GradientContext c)
    {
        var e = c.Emit;
        var inputShape = c.IShape(0);
        var outputShape = c.OShape(0);
        var (starts, steps) = SliceStartsAndSteps(c, inputShape, outputShape);
        if (steps.All(s => s == 1))
        {
            var pads = starts.Concat(starts.Select((start, axis) => (long)(inputShape[axis] - start - outputShape[axis])));
            c.SetGI(0, e.Node("Pad", [c.GO(0), e.Int64Constant(pads)]));
            return;
        }
        var sourceIndices = FlatSourceIndices(inputShape, outputShape, starts, steps);
        var zeros = e.Zeros([inputShape.Aggregate(1, (a, b) => a * b)]);
        var scattered = e.Node("ScatterElements", [zeros, e.Int64Constant(sourceIndices), e.Reshape(c.GO(0), [-1])],
            OnnxAttribute.Int("axis", 0));
        c.SetGI(0, e.Reshape(scattered, inputShape));
    }

    /// <summary>
    /// dY is scattered, adding up repeated indices, into zeros shaped like the data with the gather axis
    /// moved to the front; ScatterND then indexes that first axis directly.
    /// </summary>
    public static void Gather(GradientContext c)
    {
        var e = c.Emit;
        var dataShape = c.IShape(0);
        var rank = dataShape.Length;
        var axis = GradientContext.NormalizeAxis(c.Node.GetInt("axis", 0), rank);
        var indexRank = c.IShape(1).Length;
        if (e.Opset < 16) throw c.Unsupported("opsets before 16 lack ScatterND with reduction=add");

        // dY is data[:axis] + indices + data[axis+1:]; put the index axes first.
        var toIndexFirst = Enumerable.Range(axis, indexRank).Concat(Enumerable.Range(0, axis))
            .Concat(Enumerable.Range(axis + indexRank, rank - 1 - axis)).ToArray();
        var gradient = e.Transpose(c.GO(0), toIndexFirst);
        int[] axisFirstShape = [dataShape[axis], .. dataShape[..axis], .. dataShape[(axis + 1)..]];
        var indices = c.ElementType(c.I(1)) == DataType.Int64
            ? c.I(1)
            : e.Node("Cast", [c.I(1)], OnnxAttribute.Int("to", (int)DataType.Int64));
        var wrapped = e.Node("Where", [e.Node("Less", [indices, e.Int64Scalar(0)]),
            e.Add(indices, e.Int64Scalar(dataShape[axis])), indices]);
        var scattered = e.Node("ScatterND", [e.Zeros(axisFirstShape), e.Unsqueeze(wrapped, [indexRank]), gradient],
            OnnxAttribute.String("reduction", "add"));
        var back = Enumerable.Range(0, rank).Select(a => a < axis ? a + 1 : a == axis ? 0 : a).ToArray();
        c.SetGI(0, e.Transpose(scattered, back));
    }

    private static (long[] Starts, long[] Steps) SliceStartsAndSteps(GradientContext c, int[] inputShape, int[] outputShape)
    {
        var rank = inputShape.Length;
        var starts = new long[rank];
        var steps = Enumerable.Repeat(1L, rank).ToArray();
        var givenStarts = c.ConstantIntegers(1);
        var axes = c.HasInput(3) ? c.ConstantIntegers(3) : Enumerable.Range(0, givenStarts.Length).Select(a => (long)a).ToArray();
        var givenSteps = c.HasInput(4) ? c.ConstantIntegers(4) : Enumerable.Repeat(1L, axes.Length).ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            var axis = GradientContext.NormalizeAxis(axes[i], rank);
            var size = inputShape[axis];
            var step = givenSteps[i];
            var start = givenStarts[i] < 0 ? givenStarts[i] + size : givenStarts[i];
            // ONNX clamps starts to [0, size] for positive steps and [0, size - 1] for negative ones.
            start = step > 0 ? Math.Clamp(start, 0, size) : Math.Clamp(start, 0, size - 1);
            starts[axis] = outputShape[axis] == 0 ? 0 : start;
            steps[axis] = step;
        }
        return (starts, steps);
    }

    private static long[] FlatSourceIndices(int[] inputShape, int[] outputShape, long[] starts, long[] steps)
    {
        var rank = inputShape.Length;
        var strides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= inputShape[d];
        }
        var total = outputShape.Aggregate(1, (a, b) => a * b);
        var indices = new long[total];
        var position = new int[rank];
        for (var flat = 0; flat < total; flat++)
        {
            long source = 0;
            for (var d = 0; d < rank; d++) source += (starts[d] + position[d] * steps[d]) * strides[d];
            indices[flat] = source;
            for (var d = rank - 1; d >= 0 && ++position[d] == outputShape[d]; d--) position[d] = 0;
        }
        return indices;
    }
}

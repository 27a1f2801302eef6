using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Autodiff.Rules;

/// <summary>
/// The sliding-window layout of a Conv or pooling node over its spatial axes: kernel, strides, dilations and
/// explicit begin/end pads (auto_pad resolved against the concrete shapes).
/// </summary>
internal sealed record WindowGeometry(int[] Input, int[] Output, int[] Kernel, int[] Strides, int[] Dilations, int[] PadsBegin, int[] PadsEnd)
{
    public int SpatialRank => Input.Length;

    /// <summary>Reads the geometry from a node whose input and output are [N, C, spatial...].</summary>
    public static WindowGeometry Of(NodeProto node, int[] inputShape, int[] outputShape, int[] kernel)
    {
        var rank = inputShape.Length - 2;
        var input = inputShape[2..];
        var output = outputShape[2..];
        var strides = Ints(node, "strides", rank, 1);
        var dilations = Ints(node, "dilations", rank, 1);
        var pads = node.GetInts("pads")?.Select(p => (int)p).ToArray() ?? new int[2 * rank];
        var begin = pads[..rank];
        var end = pads[rank..];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (var d = 0; d < rank; d++)
            {
                var total = Math.Max(0, (output[d] - 1) * strides[d] + (kernel[d] - 1) * dilations[d] + 1 - input[d]);
                begin[d] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                end[d] = total - begin[d];
            }
        }
        else if (autoPad == "VALID")
        {
            begin = new int[rank];
            end = new int[rank];
        }
        return new WindowGeometry(input, output, kernel, strides, dilations, begin, end);
    }

    /// <summary>The spatial axes' indices in an [N, C, spatial...] tensor.</summary>
    public int[] SpatialAxes => Enumerable.Range(2, SpatialRank).ToArray();

    /// <summary>
    /// Attributes for the ConvTranspose that maps an output-shaped gradient back onto the input: the
    /// adjoint of the windowing. The end pads are those that make the result exactly the input's size;
    /// input rows no window reached (floor division) come back through output_padding.
    /// </summary>
    public AttributeProto[] TransposeAttributes(int group)
    {
        var endPads = new int[SpatialRank];
        var outputPadding = new int[SpatialRank];
        for (var d = 0; d < SpatialRank; d++)
        {
            var reach = Strides[d] * (Output[d] - 1) + (Kernel[d] - 1) * Dilations[d] + 1 - PadsBegin[d];
            var excess = reach - Input[d];
            if (excess >= 0) endPads[d] = excess;
            else outputPadding[d] = -excess;
        }
        return
        [
            OnnxAttribute.Ints("kernel_shape", Kernel), OnnxAttribute.Ints("strides", Strides),
            OnnxAttribute.Ints("dilations", Dilations), OnnxAttribute.Ints("pads", [.. PadsBegin, .. endPads]),
            OnnxAttribute.Ints("output_padding", outputPadding), OnnxAttribute.Int("group", group),
        ];
    }

    /// <summary>How many input elements (not padding) each output window covers, as [1, 1, output...].</summary>
    public float[] CoveredCounts()
    {
        var total = Output.Aggregate(1, (a, b) => a * b);
        var counts = new float[total];
        var index = new int[SpatialRank];
        for (var flat = 0; flat < total; flat++)
        {
            var count = 1;
            for (var d = 0; d < SpatialRank; d++)
            {
                var start = index[d] * Strides[d] - PadsBegin[d];
                var inside = 0;
                for (var k = 0; k < Kernel[d]; k++)
                {
                    var position = start + k * Dilations[d];
                    if (position >= 0 && position < Input[d]) inside++;
                }
                count *= inside;
            }
            counts[flat] = count;
            for (var d = SpatialRank - 1; d >= 0 && ++index[d] == Output[d]; d--) index[d] = 0;
        }
        return counts;
    }

    private static int[] Ints(NodeProto node, string name, int rank, int defaultValue) =>
        node.GetInts(name)?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(defaultValue, rank).ToArray();
}

using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Analysis;

/// <summary>
/// The FLOPs of one node, from its attributes and the concrete shapes of its tensors. Conventions:
/// - a multiply-add is 2 FLOPs; a convolution window counts in full at the borders (padding included), as is usual;
/// - elementwise ops cost 1 FLOP per output element (Sigmoid, Erf and Pow included, though they take many instructions);
/// - BatchNormalization 2 per element (scale and shift, the statistics folded in), LayerNormalization and the like 7,
///   Softmax 5 (max, subtract, exp, sum, divide);
/// - pooling: the window's size per output element; global pooling and reductions: 1 per input element;
/// - ops that only move or reshape data cost nothing.
/// </summary>
internal static class NodeFlops
{
    private delegate (long MultiplyAdd, long Other) Rule(NodeProto node, ResolvedTensors tensors);

    private static readonly Dictionary<string, Rule> Rules = BuildRules();

    public static bool IsKnown(string opType) => Rules.ContainsKey(opType);

    public static (long MultiplyAdd, long Other) Of(NodeProto node, ResolvedTensors tensors) => Rules[node.OpType](node, tensors);

    private static Dictionary<string, Rule> BuildRules()
    {
        var rules = new Dictionary<string, Rule>
        {
            ["Conv"] = Conv,
            ["ConvTranspose"] = ConvTranspose,
            ["Gemm"] = Gemm,
            ["MatMul"] = MatMul,
            ["BatchNormalization"] = PerOutputElement(2),
            ["LayerNormalization"] = PerOutputElement(7),
            ["InstanceNormalization"] = PerOutputElement(7),
            ["GroupNormalization"] = PerOutputElement(7),
            ["Softmax"] = PerOutputElement(5),
            ["LogSoftmax"] = PerOutputElement(5),
            ["MaxPool"] = Window,
            ["AveragePool"] = Window,
            ["LpPool"] = Window,
            ["GlobalAveragePool"] = PerInputElement(1),
            ["GlobalMaxPool"] = PerInputElement(1),
            ["ReduceSumSquare"] = PerInputElement(2),
            ["ReduceL2"] = PerInputElement(2),
        };
        foreach (var op in new[] { "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceLogSumExp" })
            rules[op] = PerInputElement(1);
        foreach (var op in new[]
                 {
                     "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mod", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu",
                     "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign", "Gelu", "Erf", "Exp", "Log", "Sqrt",
                     "Reciprocal", "Neg", "Abs", "Sign", "Floor", "Ceil", "Round", "Clip", "Sin", "Cos",
                     "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual",
                 })
            rules[op] = PerOutputElement(1);
        foreach (var op in new[]
                 {
                     "Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Concat", "Split", "Slice", "Gather",
                     "GatherElements", "Shape", "Size", "Constant", "ConstantOfShape", "Identity", "Cast", "Expand", "Pad",
                     "Tile", "Dropout", "Range", "Where", "Not", "And", "Or",
                 })
            rules[op] = (_, _) => (0, 0);
        return rules;
    }

    private static (long, long) Conv(NodeProto node, ResolvedTensors tensors)
    {
        // Weight [Cout, Cin / group, k...]: each output element sums Cin / group x k... products.
        var output = Elements(tensors.Shape(node.Output[0]));
        var perOutput = Elements(tensors.Shape(node.Input[1])[1..]);
        return (2 * output * perOutput, HasInput(node, 2) ? output : 0);
    }

    private static (long, long) ConvTranspose(NodeProto node, ResolvedTensors tensors)
    {
        // Weight [Cin, Cout / group, k...]: each input element is scattered onto Cout / group x k... outputs.
        var input = Elements(tensors.Shape(node.Input[0]));
        var perInput = Elements(tensors.Shape(node.Input[1])[1..]);
        return (2 * input * perInput, HasInput(node, 2) ? Elements(tensors.Shape(node.Output[0])) : 0);
    }

    private static (long, long) Gemm(NodeProto node, ResolvedTensors tensors)
    {
        var a = tensors.Shape(node.Input[0]);
        var inner = node.GetInt("transA", 0) == 0 ? a[1] : a[0];
        var output = Elements(tensors.Shape(node.Output[0]));
        return (2 * output * inner, HasInput(node, 2) ? output : 0);
    }

    private static (long, long) MatMul(NodeProto node, ResolvedTensors tensors)
    {
        var a = tensors.Shape(node.Input[0]);
        return (2 * Elements(tensors.Shape(node.Output[0])) * a[^1], 0);
    }

    private static (long, long) Window(NodeProto node, ResolvedTensors tensors)
    {
        var kernel = node.GetInts("kernel_shape") ?? throw new InvalidDataException($"{node.OpType} node '{node.Name}' has no kernel_shape.");
        return (0, Elements(tensors.Shape(node.Output[0])) * kernel.Aggregate(1L, (a, b) => a * b));
    }

    private static Rule PerOutputElement(int flops) => (node, tensors) => (0, flops * Elements(tensors.Shape(node.Output[0])));

    private static Rule PerInputElement(int flops) => (node, tensors) => (0, flops * Elements(tensors.Shape(node.Input[0])));

    private static bool HasInput(NodeProto node, int index) => node.Input.Count > index && node.Input[index].Length > 0;

    private static long Elements(IEnumerable<int> shape) => shape.Aggregate(1L, (a, b) => a * b);
}

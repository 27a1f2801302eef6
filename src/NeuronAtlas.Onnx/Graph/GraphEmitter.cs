using System.Globalization;
using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>
/// Appends nodes and constant initializers to a graph under fresh names, spelling each op the way the
/// graph's opset wants it (for example axes as an attribute or as an input).
/// </summary>
public sealed class GraphEmitter
{
    private readonly HashSet<string> _usedNames;
    private readonly Dictionary<string, string> _constantCache = new();
    private readonly string _prefix;
    private int _counter;

    public GraphEmitter(GraphProto graph, int opset, string namePrefix)
    {
        Graph = graph;
        Opset = opset;
        _prefix = namePrefix;
        _usedNames = new HashSet<string>(graph.Input.Select(i => i.Name)
            .Concat(graph.Initializer.Select(i => i.Name))
            .Concat(graph.Node.SelectMany(n => n.Output))
            .Concat(graph.Node.Select(n => n.Name)));
    }

    public GraphProto Graph { get; }

    public int Opset { get; }

    /// <summary>A tensor or node name not used anywhere in the graph yet.</summary>
    public string FreshName(string hint)
    {
        string name;
        do name = $"{_prefix}{hint}_{_counter++}";
        while (!_usedNames.Add(name));
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with the given number of outputs and returns their names.</summary>
    public string[] Node(string opType, IEnumerable<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = FreshName(opType) };
        node.Input.AddRange(inputs);
        for (var i = 0; i < outputCount; i++) node.Output.Add(FreshName(opType + "_out"));
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return node.Output.ToArray();
    }

    /// <summary>
    /// Declares a float graph input under exactly <paramref name="name"/>, fed on each run (objective weights that
    /// change between runs of one graph); throws when the name is taken.
    /// </summary>
    public string FloatInput(string name, int[] shape)
    {
        if (!_usedNames.Add(name)) throw new InvalidOperationException($"The graph already has a tensor named '{name}'.");
        var input = new ValueInfoProto { Name = name };
        DeclaredShapes.SetInputShape(input, shape);
        Graph.Input.Add(input);
        return name;
    }

    public string Constant(float value) => Constant([value], []);

    public string Constant(float[] data, int[] dims)
    {
        var key = data.Length <= 16 ? "f:" + string.Join(",", dims) + ":" + string.Join(",", data.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) : null;
        if (key is not null && _constantCache.TryGetValue(key, out var cached)) return cached;
        var name = FreshName("const");
        Graph.Initializer.Add(OnnxTensor.FromFloats(name, data, dims));
        if (key is not null) _constantCache[key] = name;
        return name;
    }

    /// <summary>A one-dimensional int64 constant, the form ONNX wants for shapes, axes, pads and indices.</summary>
    public string Int64Constant(IEnumerable<long> values)
    {
        var data = values.ToArray();
        return Int64Constant(data, [data.Length]);
    }

    public string Int64Scalar(long value) => Int64Constant([value], []);

    public string Int64Constant(long[] data, int[] dims)
    {
        var key = data.Length <= 16 ? "i:" + string.Join(",", dims) + ":" + string.Join(",", data) : null;
        if (key is not null && _constantCache.TryGetValue(key, out var cached)) return cached;
        var name = FreshName("ints");
        Graph.Initializer.Add(OnnxTensor.FromInt64s(name, data, dims));
        if (key is not null) _constantCache[key] = name;
        return name;
    }

    public string Int64Constant(IEnumerable<int> values) => Int64Constant(values.Select(v => (long)v));

    public string Add(string a, string b) => Node("Add", [a, b]);
    public string Sub(string a, string b) => Node("Sub", [a, b]);
    public string Mul(string a, string b) => Node("Mul", [a, b]);
    public string Div(string a, string b) => Node("Div", [a, b]);
    public string Neg(string x) => Node("Neg", [x]);
    public string Scale(string x, float factor) => Mul(x, Constant(factor));

    public string Reshape(string x, IEnumerable<int> shape) => Node("Reshape", [x, Int64Constant(shape)]);

    public string Transpose(string x, IEnumerable<int> permutation) =>
        Node("Transpose", [x], OnnxAttribute.Ints("perm", permutation));

    public string Expand(string x, IEnumerable<int> shape) => Node("Expand", [x, Int64Constant(shape)]);

    /// <summary>Float zeros of the given shape.</summary>
    public string Zeros(int[] shape) =>
        Node("ConstantOfShape", [Int64Constant(shape)], OnnxAttribute.Tensor("value", OnnxTensor.FromFloats("zero", [0f], [1])));

    public string ReduceSum(string x, IEnumerable<int> axes, bool keepDims) => Reduce("ReduceSum", 13, x, axes, keepDims);
    public string ReduceMean(string x, IEnumerable<int> axes, bool keepDims) => Reduce("ReduceMean", 18, x, axes, keepDims);
    public string ReduceMax(string x, IEnumerable<int> axes, bool keepDims) => Reduce("ReduceMax", 18, x, axes, keepDims);

    public string Unsqueeze(string x, IEnumerable<int> axes) => AxesOp("Unsqueeze", x, axes);
    public string Squeeze(string x, IEnumerable<int> axes) => AxesOp("Squeeze", x, axes);

    public string Slice(string x, IEnumerable<long> starts, IEnumerable<long> ends, IEnumerable<long> axes, IEnumerable<long>? steps = null)
    {
        var inputs = new List<string> { x, Int64Constant(starts), Int64Constant(ends), Int64Constant(axes) };
        if (steps is not null) inputs.Add(Int64Constant(steps));
        return Node("Slice", inputs);
    }

    /// <summary>Sums a gradient over the axes it was broadcast along, then reshapes it to the operand's shape.</summary>
    public string ReduceToShape(string gradient, IReadOnlyList<int> gradientShape, IReadOnlyList<int> targetShape)
    {
        if (gradientShape.SequenceEqual(targetShape)) return gradient;
        var offset = gradientShape.Count - targetShape.Count;
        if (offset < 0)
            throw new InvalidOperationException($"Cannot reduce a gradient of shape [{string.Join(",", gradientShape)}] to [{string.Join(",", targetShape)}].");
        var axes = Enumerable.Range(0, gradientShape.Count)
            .Where(axis => gradientShape[axis] != 1 && (axis < offset || targetShape[axis - offset] == 1))
            .ToArray();
        var reduced = axes.Length == 0 ? gradient : ReduceSum(gradient, axes, keepDims: true);
        return Reshape(reduced, targetShape);
    }

    private string Reduce(string opType, int axesBecameInput, string x, IEnumerable<int> axes, bool keepDims)
    {
        var keep = OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);
        return Opset >= axesBecameInput
            ? Node(opType, [x, Int64Constant(axes)], keep)
            : Node(opType, [x], keep, OnnxAttribute.Ints("axes", axes));
    }

    private string AxesOp(string opType, string x, IEnumerable<int> axes) =>
        Opset >= 13 ? Node(opType, [x, Int64Constant(axes)]) : Node(opType, [x], OnnxAttribute.Ints("axes", axes));
}

using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Quantization;

/// <summary>
/// Static QDQ quantization for ONNX Runtime's CPU int8 kernels (uint8 activations, int8 weights: its U8S8 path, which
/// uses VNNI where the CPU has it). Every Conv with constant weights gets QuantizeLinear/DequantizeLinear around its
/// input and output, its weight int8 per output channel and its bias int32; every Add of two activations gets them
/// around its inputs and output; a MaxPool keeps its input's parameters. ONNX Runtime fuses DQ → Conv → Q into
/// QLinearConv, DQ → Add → Q into QLinearAdd and runs MaxPool on uint8.
/// </summary>
/// <remarks>
/// A Relu that alone reads a quantized Conv or Add is removed: its output's range starts at 0, so the zero point is 0
/// and QuantizeLinear's saturation does the Relu. Each graph output keeps its name and stays float: when it is a
/// quantized tensor it is the output of its DequantizeLinear.
/// </remarks>
public sealed class QdqQuantizer
{
    /// <summary>The opset quantized graphs use: per-axis DequantizeLinear needs 13.</summary>
    public const int Opset = 17;

    private readonly ModelProto _float;
    private readonly ModelProto _prepared;
    private readonly List<string> _quantized = [];
    private readonly Dictionary<string, string> _sharesParametersWith = new();

    /// <param name="model">The float model, with the outputs it should keep; it is not modified.</param>
    public QdqQuantizer(ModelProto model)
    {
        _float = model.Clone();
        OpsetConverter.Convert(_float, Math.Max(Opset, ModelOpset.Get(_float)));
        ConstantFolder.ConstantNodesToInitializers(_float.Graph);
        BatchNormFolder.Fold(_float);
        _prepared = _float.Clone();
        FuseRelus(_prepared.Graph);
        GraphTopology.SortInPlace(_prepared.Graph);
        FindQuantizedTensors(_prepared.Graph);
    }

    /// <summary>
    /// The tensors whose ranges <see cref="Quantize"/> needs, named as in the float model: a removed Relu's output is
    /// calibrated as the Relu gives it.
    /// </summary>
    public IReadOnlyList<string> CalibrationTensors => _quantized.Where(t => !_sharesParametersWith.ContainsKey(t)).ToList();

    /// <summary>The float model with <see cref="CalibrationTensors"/> exposed as outputs and a dynamic batch, to calibrate on.</summary>
    public ModelProto CalibrationModel() => ModelGraphPreparer.Prepare(_float, CalibrationTensors);

    /// <summary>The quantized model, from the calibrated range of every tensor in <see cref="CalibrationTensors"/>.</summary>
    public ModelProto Quantize(IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var model = _prepared.Clone();
        var graph = model.Graph;
        var parameters = new Dictionary<string, QuantizationParameters>();
        foreach (var tensor in _quantized.Where(t => !_sharesParametersWith.ContainsKey(t)))
            parameters[tensor] = ranges.TryGetValue(tensor, out var range)
                ? QuantizationParameters.ForUInt8(range)
                : throw new ArgumentException($"No calibration range for tensor '{tensor}'.", nameof(ranges));
        foreach (var tensor in _quantized.Where(_sharesParametersWith.ContainsKey))
            parameters[tensor] = parameters[Root(tensor)];

        var emitter = new GraphEmitter(graph, ModelOpset.Get(model), "qdq_");
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        foreach (var conv in graph.Node.Where(IsQuantizedConv(initializers)).ToList())
            QuantizeConvParameters(conv, parameters[conv.Input[0]], initializers, emitter);
        foreach (var tensor in _quantized)
            InsertQuantizeDequantize(graph, tensor, parameters[tensor], emitter);

        GraphTopology.SortInPlace(graph);
        GraphPruner.RemoveUnusedInitializers(graph);
        return model;
    }

    private string Root(string tensor) => _sharesParametersWith.TryGetValue(tensor, out var source) ? Root(source) : tensor;

    private static Func<NodeProto, bool> IsQuantizedConv(IReadOnlyDictionary<string, TensorProto> initializers) =>
        node => node.OpType == "Conv" && node.Input.Count >= 2 && initializers.ContainsKey(node.Input[1])
                && (node.Input.Count < 3 || node.Input[2].Length == 0 || initializers.ContainsKey(node.Input[2]));

    private static bool IsActivationAdd(NodeProto node, IReadOnlySet<string> initializerNames) =>
        node.OpType == "Add" && node.Input.Count == 2 && !node.Input.Any(initializerNames.Contains);

    /// <summary>Lets each quantized Conv or Add write the output of a Relu that alone reads it, and drops the Relu.</summary>
    private static void FuseRelus(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var initializerNames = initializers.Keys.ToHashSet();
        var isConv = IsQuantizedConv(initializers);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        var readers = graph.Node.SelectMany(n => n.Input).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        foreach (var relu in graph.Node.Where(n => n.OpType == "Relu").ToList())
        {
            if (!producers.TryGetValue(relu.Input[0], out var producer)) continue;
            if (!isConv(producer) && !IsActivationAdd(producer, initializerNames)) continue;
            if (readers[relu.Input[0]] != 1 || graphOutputs.Contains(relu.Input[0])) continue;
            producer.Output[0] = relu.Output[0];
            graph.Node.Remove(relu);
        }
    }

    private void FindQuantizedTensors(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var initializerNames = initializers.Keys.ToHashSet();
        var isConv = IsQuantizedConv(initializers);
        var seen = new HashSet<string>();
        void Add(string tensor)
        {
            if (seen.Add(tensor)) _quantized.Add(tensor);
        }
        foreach (var node in graph.Node)
        {
            if (isConv(node))
            {
                Add(node.Input[0]);
                Add(node.Output[0]);
            }
            else if (IsActivationAdd(node, initializerNames))
            {
                Add(node.Input[0]);
                Add(node.Input[1]);
                Add(node.Output[0]);
            }
        }
        // Nodes are in topological order, so a MaxPool's input is known as quantized before the MaxPool is reached.
        foreach (var pool in graph.Node.Where(n => n.OpType == "MaxPool" && n.Output.Count == 1 && seen.Contains(n.Input[0])))
        {
            _sharesParametersWith[pool.Output[0]] = pool.Input[0];
            Add(pool.Output[0]);
        }
    }

    /// <summary>Replaces the Conv's weight by DequantizeLinear of int8 per-channel weights, and its bias by DequantizeLinear of int32.</summary>
    private static void QuantizeConvParameters(NodeProto conv, QuantizationParameters input, IReadOnlyDictionary<string, TensorProto> initializers,
        GraphEmitter emitter)
    {
        var graph = emitter.Graph;
        var weight = initializers[conv.Input[1]];
        var dims = OnnxTensor.Dims(weight);
        var channels = dims[0];
        var quantized = PerChannelWeights.Quantize(OnnxTensor.ToFloats(weight), channels);
        var weightName = emitter.FreshName(conv.Input[1] + "_int8");
        graph.Initializer.Add(OnnxTensor.FromInt8s(weightName, quantized.Values, dims));
        conv.Input[1] = DequantizePerChannel(emitter, weightName, quantized.Scales, OnnxTensor.FromInt8s("", new sbyte[channels], [channels]));

        if (conv.Input.Count < 3 || conv.Input[2].Length == 0) return;
        var bias = OnnxTensor.ToFloats(initializers[conv.Input[2]]);
        var biasScales = quantized.Scales.Select(s => s * input.Scale).ToArray();
        var biasValues = new int[channels];
        for (var c = 0; c < channels; c++)
            biasValues[c] = new QuantizationParameters(biasScales[c], 0).Quantize(bias[c], int.MinValue, int.MaxValue);
        var biasName = emitter.FreshName(conv.Input[2] + "_int32");
        graph.Initializer.Add(OnnxTensor.FromInt32s(biasName, biasValues, [channels]));
        conv.Input[2] = DequantizePerChannel(emitter, biasName, biasScales, OnnxTensor.FromInt32s("", new int[channels], [channels]));
    }

    private static string DequantizePerChannel(GraphEmitter emitter, string values, float[] scales, TensorProto zeroPoints)
    {
        zeroPoints.Name = emitter.FreshName(values + "_zero_point");
        emitter.Graph.Initializer.Add(zeroPoints);
        var scale = emitter.Constant(scales, [scales.Length]);
        return emitter.Node("DequantizeLinear", [values, scale, zeroPoints.Name], OnnxAttribute.Int("axis", 0));
    }

    /// <summary>
    /// Puts QuantizeLinear → DequantizeLinear after the tensor. A node's output is renamed, so the DequantizeLinear
    /// takes the tensor's name and every reader, graph outputs included, reads it; a graph input's readers are rewired.
    /// </summary>
    private static void InsertQuantizeDequantize(GraphProto graph, string tensor, QuantizationParameters parameters, GraphEmitter emitter)
    {
        var scale = emitter.Constant(parameters.Scale);
        var zeroPoint = emitter.FreshName(tensor + "_zero_point");
        graph.Initializer.Add(OnnxTensor.FromUInt8s(zeroPoint, [(byte)parameters.ZeroPoint], []));
        var producer = graph.Node.FirstOrDefault(n => n.Output.Contains(tensor));
        if (producer is not null)
        {
            var floatName = emitter.FreshName(tensor + "_float");
            producer.Output[producer.Output.IndexOf(tensor)] = floatName;
            var quantized = emitter.Node("QuantizeLinear", [floatName, scale, zeroPoint]);
            var node = new NodeProto { OpType = "DequantizeLinear", Name = emitter.FreshName("DequantizeLinear") };
            node.Input.AddRange([quantized, scale, zeroPoint]);
            node.Output.Add(tensor);
            graph.Node.Add(node);
            return;
        }
        var readers = graph.Node.Where(n => n.Input.Contains(tensor)).ToList();
        var dequantized = emitter.Node("DequantizeLinear", [emitter.Node("QuantizeLinear", [tensor, scale, zeroPoint]), scale, zeroPoint]);
        foreach (var reader in readers)
            for (var i = 0; i < reader.Input.Count; i++)
                if (reader.Input[i] == tensor) reader.Input[i] = dequantized;
    }
}

using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>
/// Learns every tensor's concrete shape for given input shapes by running the graph once in ONNX Runtime
/// (on the CPU) with every intermediate tensor exposed as an output. Inputs are fed zeros.
/// </summary>
public static class TensorShapeResolver
{
    /// <summary>Integer tensors up to this many elements also have their values recorded.</summary>
    public const int MaxRecordedIntegerElements = 4096;

    public static ResolvedTensors Resolve(ModelProto model, string inputName, int[] inputShape) =>
        Resolve(model, new Dictionary<string, int[]> { [inputName] = inputShape });

    public static ResolvedTensors Resolve(ModelProto model, IReadOnlyDictionary<string, int[]> inputShapes)
    {
        var probe = model.Clone();
        var graph = probe.Graph;
        var initializerNames = graph.Initializer.Select(i => i.Name).ToHashSet();
        var feedInputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).ToList();
        foreach (var input in feedInputs)
        {
            if (!inputShapes.TryGetValue(input.Name, out var shape))
                throw new ArgumentException($"No shape given for graph input '{input.Name}'.", nameof(inputShapes));
            DeclaredShapes.SetInputShape(input, shape);
        }
        DeclaredShapes.ForgetInferred(graph);

        var exposed = graph.Output.Select(o => o.Name).ToHashSet();
        foreach (var output in graph.Node.SelectMany(n => n.Output))
            if (output.Length > 0 && exposed.Add(output))
                graph.Output.Add(new ValueInfoProto { Name = output });

        var resolved = new ResolvedTensors();
        resolved.AddInitializers(graph);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        var feeds = feedInputs.Select(input => ZeroTensor(input, inputShapes[input.Name])).ToList();
        try
        {
            var outputNames = session.OutputNames.ToArray();
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, feeds.Select(f => f.Name).ToArray(), feeds.Select(f => f.Value).ToArray(), outputNames);
            for (var i = 0; i < outputNames.Length; i++) Record(resolved, outputNames[i], results[i]);
        }
        finally
        {
            foreach (var feed in feeds) feed.Value.Dispose();
        }
        foreach (var input in feedInputs)
            resolved.Add(input.Name, inputShapes[input.Name], (DataType)input.Type.TensorType.ElemType);
        return resolved;
    }

    /// <summary>Resolves the outputs of some of a graph's nodes whose inputs are already resolved.</summary>
    public static ResolvedTensors ResolveNodes(GraphProto graph, IReadOnlyList<NodeProto> nodes, ResolvedTensors known, int opset)
    {
        var probe = new ModelProto { Graph = new GraphProto { Name = "probe" } };
        ModelOpset.Set(probe, opset);
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var produced = nodes.SelectMany(n => n.Output).ToHashSet();
        var inputShapes = new Dictionary<string, int[]>();
        foreach (var name in nodes.SelectMany(n => n.Input).Where(n => n.Length > 0 && !produced.Contains(n)).Distinct())
        {
            if (initializers.TryGetValue(name, out var initializer))
            {
                probe.Graph.Initializer.Add(initializer);
                continue;
            }
            var input = new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)known.ElementTypes[name] } },
            };
            DeclaredShapes.SetInputShape(input, known.Shape(name));
            probe.Graph.Input.Add(input);
            inputShapes[name] = known.Shape(name);
        }
        probe.Graph.Node.AddRange(nodes);
        return Resolve(probe, inputShapes);
    }

    private static void Record(ResolvedTensors resolved, string name, OrtValue value)
    {
        if (!value.IsTensor) return;
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape.Select(d => checked((int)d)).ToArray();
        var (type, integers) = info.ElementDataType switch
        {
            TensorElementType.Float => (DataType.Float, null),
            TensorElementType.Double => (DataType.Double, null),
            TensorElementType.Bool => (DataType.Bool, null),
            TensorElementType.Float16 => (DataType.Float16, null),
            TensorElementType.Int64 => (DataType.Int64, Small(info.ElementCount) ? value.GetTensorDataAsSpan<long>().ToArray() : null),
            TensorElementType.Int32 => (DataType.Int32,
                Small(info.ElementCount) ? value.GetTensorDataAsSpan<int>().ToArray().Select(v => (long)v).ToArray() : null),
            var other => ((DataType)(int)other, (long[]?)null),
        };
        resolved.Add(name, shape, type, integers);
    }

    private static bool Small(long elementCount) => elementCount <= MaxRecordedIntegerElements;

    private static (string Name, OrtValue Value) ZeroTensor(ValueInfoProto input, int[] shape)
    {
        var dims = shape.Select(d => (long)d).ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        OrtValue value = (DataType)input.Type.TensorType.ElemType switch
        {
            DataType.Int64 => OrtValue.CreateTensorValueFromMemory(new long[count], dims),
            DataType.Int32 => OrtValue.CreateTensorValueFromMemory(new int[count], dims),
            _ => OrtValue.CreateTensorValueFromMemory(new float[count], dims),
        };
        return (input.Name, value);
    }
}

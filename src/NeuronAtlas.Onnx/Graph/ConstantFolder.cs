using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Turns Constant nodes and shape arithmetic into initializers.</summary>
public static class ConstantFolder
{
    /// <summary>Ops whose outputs depend on their input's shape only, not its values.</summary>
    private static readonly HashSet<string> ShapeOnlyOps = ["Shape", "Size"];

    /// <summary>Replaces each Constant node by an initializer of the same name.</summary>
    public static void ConstantNodesToInitializers(GraphProto graph)
    {
        foreach (var node in graph.Node.Where(n => n.OpType == "Constant" && n.Domain is "" or "ai.onnx").ToList())
        {
            var tensor = ConstantValue(node);
            tensor.Name = node.Output[0];
            graph.Initializer.Add(tensor);
            graph.Node.Remove(node);
        }
    }

    /// <summary>
    /// Replaces integer tensors that depend on the inputs' shapes only (Shape, Gather on shapes, Concat of
    /// shapes...) by initializers holding the values seen when the shapes were resolved. Once folded, the
    /// graph only works for those input shapes. Returns how many nodes were removed.
    /// </summary>
    public static int FoldShapeArithmetic(GraphProto graph, ResolvedTensors resolved)
    {
        var initializerNames = graph.Initializer.Select(i => i.Name).ToHashSet();
        var valueInputs = graph.Input.Select(i => i.Name).Where(n => !initializerNames.Contains(n));
        var valueDependent = GraphTopology.Descendants(graph, valueInputs, node => !ShapeOnlyOps.Contains(node.OpType));
        var removed = 0;
        foreach (var node in graph.Node.ToList())
        {
            var outputs = node.Output.Where(o => o.Length > 0).ToList();
            if (outputs.Count == 0 || outputs.Any(valueDependent.Contains)) continue;
            if (!outputs.All(o => resolved.IntegerValues.ContainsKey(o))) continue;
            foreach (var output in outputs)
                graph.Initializer.Add(OnnxTensor.FromInt64s(output, resolved.IntegerValues[output], resolved.Shape(output)));
            graph.Node.Remove(node);
            removed++;
        }
        GraphPruner.RemoveUnusedInitializers(graph);
        return removed;
    }

    private static TensorProto ConstantValue(NodeProto node)
    {
        var attribute = node.Attribute.Single();
        return attribute.Name switch
        {
            "value" => attribute.T.Clone(),
            "value_float" => OnnxTensor.FromFloats("", [attribute.F], []),
            "value_floats" => OnnxTensor.FromFloats("", attribute.Floats.ToArray(), [attribute.Floats.Count]),
            "value_int" => OnnxTensor.FromInt64s("", [attribute.I], []),
            "value_ints" => OnnxTensor.FromInt64s("", attribute.Ints.ToArray()),
            _ => throw new NotSupportedException($"Constant node '{node.Name}' uses attribute '{attribute.Name}', which cannot be folded."),
        };
    }
}

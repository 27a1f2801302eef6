using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>
/// Prepares any ONNX vision model for the atlas: chosen intermediate tensors become graph outputs,
/// and the batch dimension of inputs and outputs becomes dynamic.
/// </summary>
public static class ModelGraphPreparer
{
    public const string BatchDimName = "N";

    public static ModelProto Prepare(ModelProto model, IEnumerable<string> exposedTensors, bool dynamicBatch = true)
    {
        var prepared = model.Clone();
        var graph = prepared.Graph;
        graph.RemoveInitializersFromInputs();

        var produced = new HashSet<string>(graph.Node.SelectMany(n => n.Output));
        produced.UnionWith(graph.Input.Select(i => i.Name));
        var existing = new HashSet<string>(graph.Output.Select(o => o.Name));
        foreach (var tensor in exposedTensors.Distinct())
        {
            if (!produced.Contains(tensor))
                throw new ArgumentException($"The model has no tensor named '{tensor}'. Check the layer's \"tensor\" in the manifest.");
            if (existing.Add(tensor))
                graph.Output.Add(new ValueInfoProto { Name = tensor, Type = FloatTensorOfUnknownShape() });
        }

        if (dynamicBatch)
        {
            foreach (var value in graph.Input.Concat(graph.Output))
                MakeFirstDimDynamic(value);
            // Inferred intermediate shapes with a fixed batch would contradict the dynamic input.
            graph.ValueInfo.Clear();
        }
        return prepared;
    }

    private static TypeProto FloatTensorOfUnknownShape() =>
        new() { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } };

    private static void MakeFirstDimDynamic(ValueInfoProto value)
    {
        var shape = value.Type?.TensorType?.Shape;
        if (shape is null || shape.Dim.Count == 0) return;
        shape.Dim[0].ClearDimValue();
        shape.Dim[0].DimParam = BatchDimName;
    }
}

using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Edits the declared types and shapes of a graph's inputs, outputs and value infos.</summary>
public static class DeclaredShapes
{
    /// <summary>Declares fixed dimensions for an input, keeping its element type (float if it had none).</summary>
    public static void SetInputShape(ValueInfoProto input, IReadOnlyList<int> shape)
    {
        input.Type ??= new TypeProto();
        input.Type.TensorType ??= new TypeProto.Types.Tensor { ElemType = (int)DataType.Float };
        if (input.Type.TensorType.ElemType == 0) input.Type.TensorType.ElemType = (int)DataType.Float;
        var declared = new TensorShapeProto();
        foreach (var dim in shape) declared.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        input.Type.TensorType.Shape = declared;
    }

    /// <summary>The concrete shape declared for a value; throws when a dimension is symbolic or missing.</summary>
    public static int[] InputShape(ValueInfoProto value) =>
        value.Type?.TensorType?.Shape?.Dim.Select(d => d.HasDimValue ? (int)d.DimValue
                : throw new InvalidOperationException($"'{value.Name}' has a dimension without a value.")).ToArray()
            ?? throw new InvalidOperationException($"'{value.Name}' declares no shape.");

    /// <summary>
    /// Drops the shapes declared for outputs and intermediate tensors, which go stale once an input's
    /// shape changes (ResNet18 declares batch 1 everywhere). ONNX Runtime infers them again.
    /// </summary>
    public static void ForgetInferred(GraphProto graph)
    {
        graph.ValueInfo.Clear();
        foreach (var output in graph.Output)
            if (output.Type?.TensorType is { } tensorType) tensorType.Shape = null;
    }
}

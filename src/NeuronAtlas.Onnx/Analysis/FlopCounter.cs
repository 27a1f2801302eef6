using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Analysis;

/// <summary>
/// Counts the floating-point operations of one forward pass of an ONNX graph for given input shapes. Shapes come
/// from running the graph once (<see cref="TensorShapeResolver"/>); the conventions are those of <see cref="NodeFlops"/>.
/// Op types without a rule are reported in <see cref="FlopCount.UncountedOpTypes"/>, never guessed.
/// </summary>
public static class FlopCounter
{
    public static FlopCount Count(ModelProto model, string inputName, int[] inputShape) =>
        Count(model, new Dictionary<string, int[]> { [inputName] = inputShape });

    public static FlopCount Count(ModelProto model, IReadOnlyDictionary<string, int[]> inputShapes)
    {
        if (model.Graph.Node.Any(n => n.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0)))
            throw new NotSupportedException("The graph has control flow (If, Loop, Scan): their subgraphs are not counted.");
        var tensors = TensorShapeResolver.Resolve(model, inputShapes);
        var rows = new Dictionary<string, OpTypeFlops>();
        var uncounted = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in model.Graph.Node)
        {
            if (!NodeFlops.IsKnown(node.OpType))
            {
                uncounted[node.OpType] = uncounted.GetValueOrDefault(node.OpType) + 1;
                continue;
            }
            var (multiplyAdd, other) = NodeFlops.Of(node, tensors);
            rows[node.OpType] = rows.TryGetValue(node.OpType, out var row)
                ? row with { Nodes = row.Nodes + 1, MultiplyAddFlops = row.MultiplyAddFlops + multiplyAdd, OtherFlops = row.OtherFlops + other }
                : new OpTypeFlops(node.OpType, 1, multiplyAdd, other);
        }
        var ordered = rows.Values.OrderByDescending(r => r.Total).ThenBy(r => r.OpType, StringComparer.Ordinal).ToList();
        return new FlopCount(ordered, uncounted);
    }
}

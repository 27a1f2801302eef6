using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>
/// Brings a model up to one target opset of the default ONNX domain, rewriting the ops whose attributes
/// or inputs changed on the way (see <see cref="OpsetUpgrades"/>). Ops not rewritten there kept their
/// meaning across opsets 7 and later; ops that changed in ways not handled make the conversion throw.
/// </summary>
public static class OpsetConverter
{
    /// <summary>The oldest opset the converter reads: older ones have the legacy broadcast attributes.</summary>
    public const int OldestSupportedOpset = 7;

    /// <summary>Ops whose meaning changed in ways the converter does not rewrite.</summary>
    private static readonly Dictionary<string, int> UnhandledChanges = new()
    {
        ["Upsample"] = 10, ["Resize"] = 11, ["Scan"] = 9, ["Loop"] = 11, ["If"] = 11, ["GRU"] = 14,
        ["LSTM"] = 14, ["RNN"] = 14, ["Scatter"] = 11, ["Gelu"] = 20, ["DFT"] = 20, ["Col2Im"] = 18,
    };

    /// <summary>Converts the model in place; does nothing when it is already at the target opset.</summary>
    public static void Convert(ModelProto model, int targetOpset)
    {
        var source = ModelOpset.Get(model);
        if (source == targetOpset) return;
        if (targetOpset < source)
            throw new NotSupportedException($"Cannot lower a model from opset {source} to {targetOpset}; only upgrades are supported.");
        if (source < OldestSupportedOpset)
            throw new NotSupportedException($"Models older than opset {OldestSupportedOpset} are not supported (this one is opset {source}).");

        var graph = model.Graph;
        var emitter = new GraphEmitter(graph, targetOpset, "upgrade_");
        var original = graph.Node.ToList();
        graph.Node.Clear();
        foreach (var node in original)
        {
            if (node.Domain is not ("" or "ai.onnx"))
            {
                graph.Node.Add(node);
                continue;
            }
            if (UnhandledChanges.TryGetValue(node.OpType, out var changedIn) && source < changedIn && targetOpset >= changedIn)
                throw new NotSupportedException(
                    $"Op {node.OpType} (node '{node.Name}') changed in opset {changedIn}; converting it from opset {source} is not supported.");
            OpsetUpgrades.Upgrade(node, source, targetOpset, emitter);
        }
        ModelOpset.Set(model, targetOpset);
    }
}

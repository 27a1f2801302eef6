using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Per-op rewrites for the attribute and input changes between opsets.</summary>
internal static class OpsetUpgrades
{
    private static readonly HashSet<string> ReducesWithAxesInputFrom18 =
        ["ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"];

    /// <summary>Appends the node, rewritten for the target opset, and any nodes it needs to the emitter's graph.</summary>
    public static void Upgrade(NodeProto node, int source, int target, GraphEmitter emitter)
    {
        bool Crosses(int version) => source < version && target >= version;

        switch (node.OpType)
        {
            case "BatchNormalization" when Crosses(9):
                if (node.RemoveAttribute("spatial") is { I: 0 })
                    throw new NotSupportedException($"BatchNormalization '{node.Name}' uses spatial=0, which opset 9 dropped.");
                break;
            case "Slice" when Crosses(10):
                var starts = Required(node, "starts");
                var ends = Required(node, "ends");
                var axes = node.RemoveAttribute("axes")?.Ints.ToArray() ?? Enumerable.Range(0, starts.Length).Select(a => (long)a).ToArray();
                node.Input.Add(emitter.Int64Constant(starts));
                node.Input.Add(emitter.Int64Constant(ends));
                node.Input.Add(emitter.Int64Constant(axes));
                break;
            case "Pad" when Crosses(11):
                var pads = Required(node, "pads");
                var value = node.RemoveAttribute("value")?.F ?? 0f;
                node.Input.Add(emitter.Int64Constant(pads));
                node.Input.Add(emitter.Constant(value));
                break;
            case "Clip" when Crosses(11):
                var min = node.RemoveAttribute("min");
                var max = node.RemoveAttribute("max");
                node.Input.Add(min is null ? "" : emitter.Constant(min.F));
                node.Input.Add(max is null ? "" : emitter.Constant(max.F));
                break;
            case "Squeeze" or "Unsqueeze" when Crosses(13):
                if (node.RemoveAttribute("axes") is { } axesAttribute) node.Input.Add(emitter.Int64Constant(axesAttribute.Ints));
                break;
            case "Split":
                UpgradeSplit(node, Crosses(13), target);
                if (Crosses(13) && node.FindAttribute("split") is { } splitAttribute)
                {
                    node.RemoveAttribute("split");
                    node.Input.Add(emitter.Int64Constant(splitAttribute.Ints));
                    node.RemoveAttribute("num_outputs");
                }
                break;
            case "ReduceSum" when Crosses(13):
                MoveAxesToInput(node, emitter);
                break;
            case var op when ReducesWithAxesInputFrom18.Contains(op) && Crosses(18):
                MoveAxesToInput(node, emitter);
                break;
            case "TopK" when Crosses(10):
                var k = node.RemoveAttribute("k") ?? throw new InvalidOperationException($"TopK '{node.Name}' lacks its 'k' attribute.");
                node.Input.Add(emitter.Int64Constant([k.I]));
                break;
            case "Dropout" when Crosses(12):
                // Inference only: an old Dropout is the identity on its first output.
                if (node.Output.Count > 1 && node.Output[1].Length > 0)
                    throw new NotSupportedException($"Dropout '{node.Name}' has its mask output in use.");
                node.OpType = "Identity";
                node.Attribute.Clear();
                while (node.Output.Count > 1) node.Output.RemoveAt(node.Output.Count - 1);
                break;
            case "Softmax" or "LogSoftmax" or "Hardmax" when Crosses(13):
                UpgradeCoercedSoftmax(node, emitter);
                return;
        }
        emitter.Graph.Node.Add(node);
    }

    private static void UpgradeSplit(NodeProto node, bool movesSplitToInput, int target)
    {
        // From opset 18 an even split must say how many outputs it has.
        var hasSplit = node.Input.Count > 1 && node.Input[1].Length > 0 || movesSplitToInput && node.HasAttribute("split");
        if (target >= 18 && !hasSplit && !node.HasAttribute("num_outputs"))
            node.Attribute.Add(OnnxAttribute.Int("num_outputs", node.Output.Count));
    }

    private static void MoveAxesToInput(NodeProto node, GraphEmitter emitter)
    {
        if (node.RemoveAttribute("axes") is { } axes) node.Input.Add(emitter.Int64Constant(axes.Ints));
    }

    /// <summary>
    /// Before opset 13 these ops flattened their input to 2-D at `axis` (default 1) and normalized over
    /// everything after it; from 13 they normalize over one axis (default -1). Flatten, apply, reshape back.
    /// </summary>
    private static void UpgradeCoercedSoftmax(NodeProto node, GraphEmitter emitter)
    {
        var axis = node.GetInt("axis", 1);
        var input = node.Input[0];
        var output = node.Output[0];
        var shape = emitter.Node("Shape", [input]);
        var flat = emitter.Node("Flatten", [input], OnnxAttribute.Int("axis", axis));
        node.Input[0] = flat;
        node.Output[0] = emitter.FreshName(node.OpType + "_flat");
        node.SetAttribute(OnnxAttribute.Int("axis", 1));
        emitter.Graph.Node.Add(node);
        var reshape = new NodeProto { OpType = "Reshape", Name = emitter.FreshName("Reshape") };
        reshape.Input.Add(node.Output[0]);
        reshape.Input.Add(shape);
        reshape.Output.Add(output);
        emitter.Graph.Node.Add(reshape);
    }

    private static long[] Required(NodeProto node, string attribute) =>
        node.RemoveAttribute(attribute)?.Ints.ToArray()
        ?? throw new InvalidOperationException($"{node.OpType} '{node.Name}' lacks its '{attribute}' attribute.");
}

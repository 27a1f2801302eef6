using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Orders a graph's nodes and finds which nodes feed or are fed by given tensors.</summary>
public static class GraphTopology
{
    /// <summary>Reorders the nodes so that every node comes after the producers of its inputs.</summary>
    public static void SortInPlace(GraphProto graph)
    {
        var producerIndex = new Dictionary<string, int>();
        for (var i = 0; i < graph.Node.Count; i++)
            foreach (var output in graph.Node[i].Output.Where(o => o.Length > 0))
                producerIndex[output] = i;

        var state = new byte[graph.Node.Count]; // 0 unvisited, 1 on the stack, 2 placed
        var sorted = new List<NodeProto>(graph.Node.Count);
        for (var root = 0; root < graph.Node.Count; root++)
        {
            if (state[root] != 0) continue;
            var stack = new Stack<(int Node, int NextInput)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, nextInput) = stack.Pop();
                var inputs = graph.Node[node].Input;
                if (nextInput < inputs.Count)
                {
                    stack.Push((node, nextInput + 1));
                    if (!producerIndex.TryGetValue(inputs[nextInput], out var producer) || state[producer] == 2) continue;
                    if (state[producer] == 1)
                        throw new InvalidOperationException($"The graph has a cycle through node '{graph.Node[producer].Name}'.");
                    state[producer] = 1;
                    stack.Push((producer, 0));
                    continue;
                }
                state[node] = 2;
                sorted.Add(graph.Node[node]);
            }
        }
        graph.Node.Clear();
        graph.Node.AddRange(sorted);
    }

    /// <summary>The nodes needed to compute the given tensors, in graph order.</summary>
    public static List<NodeProto> Ancestors(GraphProto graph, IEnumerable<string> tensors)
    {
        var needed = new HashSet<string>(tensors);
        var kept = new List<NodeProto>();
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (!node.Output.Any(needed.Contains)) continue;
            kept.Add(node);
            foreach (var input in node.Input.Where(n => n.Length > 0)) needed.Add(input);
        }
        kept.Reverse();
        return kept;
    }

    /// <summary>The tensors whose values depend on the given tensors, including those tensors.</summary>
    public static HashSet<string> Descendants(GraphProto graph, IEnumerable<string> tensors, Func<NodeProto, bool>? propagatesThrough = null)
    {
        var reached = new HashSet<string>(tensors);
        foreach (var node in graph.Node)
        {
            if (propagatesThrough is not null && !propagatesThrough(node)) continue;
            if (!node.Input.Any(reached.Contains)) continue;
            foreach (var output in node.Output.Where(o => o.Length > 0)) reached.Add(output);
        }
        return reached;
    }
}

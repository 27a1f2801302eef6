using Onnx;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Removes the parts of a graph that do not contribute to the wanted outputs.</summary>
public static class GraphPruner
{
    /// <summary>
    /// Makes the given tensors the graph's outputs and removes every node, initializer and
    /// initializer-backed input they do not need. Expects the nodes in topological order.
    /// </summary>
    public static void PruneTo(GraphProto graph, IReadOnlyList<string> outputs)
    {
        var declared = graph.Output.ToDictionary(o => o.Name);
        graph.Output.Clear();
        foreach (var name in outputs)
            graph.Output.Add(declared.TryGetValue(name, out var info) ? info : new ValueInfoProto { Name = name });

        var kept = GraphTopology.Ancestors(graph, outputs);
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        RemoveUnusedInitializers(graph);
    }

    /// <summary>Removes initializers (and their entries in the input list) that no node or output reads.</summary>
    public static void RemoveUnusedInitializers(GraphProto graph)
    {
        var used = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet();
        var unused = graph.Initializer.Where(i => !used.Contains(i.Name)).ToList();
        var unusedNames = unused.Select(i => i.Name).ToHashSet();
        foreach (var initializer in unused) graph.Initializer.Remove(initializer);
        foreach (var input in graph.Input.Where(i => unusedNames.Contains(i.Name)).ToList()) graph.Input.Remove(input);
    }
}

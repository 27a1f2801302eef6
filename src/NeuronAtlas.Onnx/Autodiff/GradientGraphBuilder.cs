using NeuronAtlas.Onnx.Graph;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// Builds gradient graphs for a model at fixed input shapes. The constructor prepares the model once
/// (upgrades it to <see cref="Opset"/>, turns Constant nodes into initializers, folds BatchNormalization
/// into Conv); each <see cref="Build"/> prunes it to the objective, resolves every tensor's shape with one
/// ONNX Runtime run, folds shape arithmetic, appends the objective's nodes and then the gradient nodes.
/// </summary>
public sealed class GradientGraphBuilder
{
    /// <summary>The opset gradient graphs use unless told otherwise: new enough for ScatterElements with reduction.</summary>
    public const int DefaultOpset = 17;

    private readonly ModelProto _prepared;
    private readonly Dictionary<string, int[]> _inputShapes;

    public GradientGraphBuilder(ModelProto model, string inputName, int[] inputShape, int opset = DefaultOpset, GradientRegistry? registry = null)
        : this(model, new Dictionary<string, int[]> { [inputName] = inputShape }, opset, registry)
    {
    }

    /// <param name="model">The forward model; it is not modified.</param>
    /// <param name="inputShapes">A concrete shape for every graph input that is not an initializer.</param>
    /// <param name="opset">The opset to bring the model to (it must not be below the model's own).</param>
    /// <param name="registry">Gradient rules; <see cref="GradientRegistry.CreateDefault"/> when null.</param>
    public GradientGraphBuilder(ModelProto model, IReadOnlyDictionary<string, int[]> inputShapes, int opset = DefaultOpset, GradientRegistry? registry = null)
    {
        if (opset < 13) throw new ArgumentOutOfRangeException(nameof(opset), "Gradient graphs need opset 13 or later.");
        _prepared = model.Clone();
        Opset = Math.Max(opset, ModelOpset.Get(_prepared));
        OpsetConverter.Convert(_prepared, Opset);
        var graph = _prepared.Graph;
        ConstantFolder.ConstantNodesToInitializers(graph);
        BatchNormFolder.Fold(_prepared);
        GraphTopology.SortInPlace(graph);
        _inputShapes = inputShapes.ToDictionary(p => p.Key, p => p.Value.ToArray());
        foreach (var input in graph.Input.Where(i => _inputShapes.ContainsKey(i.Name)))
            DeclaredShapes.SetInputShape(input, _inputShapes[input.Name]);
        DeclaredShapes.ForgetInferred(graph);
        Registry = registry ?? GradientRegistry.CreateDefault();
    }

    public int Opset { get; }

    public GradientRegistry Registry { get; }

    public IReadOnlyDictionary<string, int[]> InputShapes => _inputShapes;

    /// <summary>Builds a graph returning the objective and d(total objective)/d(input) for each differentiated input.</summary>
    /// <param name="objective">The nodes that end in the scalar to differentiate (NeuronAtlas.FeatureVis builds them from objectives).</param>
    /// <param name="differentiate">The inputs to differentiate; by default every input given a shape.</param>
    /// <param name="extraOutputs">Forward tensors to also return (for example the layer's activations).</param>
    public GradientGraph Build(IGraphObjective objective, IReadOnlyList<string>? differentiate = null, IReadOnlyList<string>? extraOutputs = null)
    {
        var model = _prepared.Clone();
        var graph = model.Graph;
        differentiate ??= _inputShapes.Keys.ToList();
        extraOutputs ??= [];
        var forwardTensors = objective.Tensors.Concat(extraOutputs).Distinct().ToList();
        RequireTensorsExist(graph, forwardTensors.Concat(differentiate));

        GraphPruner.PruneTo(graph, forwardTensors);
        RemoveUnreadInputs(graph, differentiate);
        var resolved = TensorShapeResolver.Resolve(model, _inputShapes);
        ConstantFolder.FoldShapeArithmetic(graph, resolved);

        var firstObjectiveNode = graph.Node.Count;
        var batchSize = _inputShapes[differentiate[0]][0];
        var (perItem, total) = objective.Emit(new GraphEmitter(graph, Opset, "objective_"), resolved, batchSize);
        var objectiveNodes = graph.Node.Skip(firstObjectiveNode).ToList();
        resolved.AddAll(TensorShapeResolver.ResolveNodes(graph, objectiveNodes, resolved, Opset));

        var gradients = new BackwardPass(graph, resolved, Registry, Opset).Run(total, differentiate);

        var outputs = new List<(string Name, string Source, int[] Shape)>();
        if (perItem is not null) outputs.Add((GradientGraph.PerItemObjectiveName, perItem, resolved.Shape(perItem)));
        outputs.Add((GradientGraph.TotalObjectiveName, total, []));
        var gradientOutputs = differentiate.ToDictionary(input => input, input => input + "_gradient");
        outputs.AddRange(differentiate.Select(input => (gradientOutputs[input], gradients[input], resolved.Shape(input))));
        outputs.AddRange(extraOutputs.Select(tensor => (tensor, tensor, resolved.Shape(tensor))));
        DeclareOutputs(graph, outputs);
        return new GradientGraph(model, _inputShapes, perItem is null ? null : GradientGraph.PerItemObjectiveName, gradientOutputs);
    }

    /// <summary>Drops graph inputs nothing reads any more (a text input when only the image side is needed).</summary>
    private static void RemoveUnreadInputs(GraphProto graph, IReadOnlyList<string> keep)
    {
        var read = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).Concat(keep).ToHashSet();
        foreach (var input in graph.Input.Where(i => !read.Contains(i.Name)).ToList()) graph.Input.Remove(input);
    }

    private static void RequireTensorsExist(GraphProto graph, IEnumerable<string> tensors)
    {
        var known = graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name)).ToHashSet();
        foreach (var tensor in tensors)
            if (!known.Contains(tensor))
                throw new ArgumentException($"The model has no tensor named '{tensor}'.");
    }

    /// <summary>Names the outputs (through Identity nodes where the name differs) and declares their types and shapes.</summary>
    private static void DeclareOutputs(GraphProto graph, List<(string Name, string Source, int[] Shape)> outputs)
    {
        var taken = graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name)).ToHashSet();
        graph.Output.Clear();
        foreach (var (name, source, shape) in outputs)
        {
            if (name != source)
            {
                if (taken.Contains(name)) throw new InvalidOperationException($"The model already has a tensor named '{name}'.");
                var identity = new NodeProto { OpType = "Identity", Name = name + "_output" };
                identity.Input.Add(source);
                identity.Output.Add(name);
                graph.Node.Add(identity);
            }
            var output = new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } },
            };
            DeclaredShapes.SetInputShape(output, shape);
            graph.Output.Add(output);
        }
    }
}

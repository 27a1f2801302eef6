using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// Reverse-mode differentiation of a topologically sorted graph: visits the nodes between the
/// differentiated inputs and the seed tensor in reverse order, lets each node's rule emit its input
/// gradients, and sums the contributions of tensors read by several nodes.
/// </summary>
internal sealed class BackwardPass
{
    private readonly GraphProto _graph;
    private readonly GradientRegistry _registry;
    private readonly Dictionary<string, List<string>> _contributions = new();
    private readonly Dictionary<string, string> _summed = new();
    private readonly Dictionary<string, TensorProto> _initializers;
    private HashSet<string> _requiresGradient = [];

    public BackwardPass(GraphProto graph, ResolvedTensors resolved, GradientRegistry registry, int opset)
    {
        _graph = graph;
        Resolved = resolved;
        _registry = registry;
        _initializers = graph.Initializer.ToDictionary(i => i.Name);
        Emitter = new GraphEmitter(graph, opset, "grad_");
    }

    public ResolvedTensors Resolved { get; }

    public GraphEmitter Emitter { get; }

    /// <summary>Emits the gradient nodes and returns, for each differentiated input, its gradient tensor.</summary>
    public Dictionary<string, string> Run(string seed, IReadOnlyList<string> differentiated)
    {
        var forwardNodes = GraphTopology.Ancestors(_graph, [seed]);
        _requiresGradient = GraphTopology.Descendants(_graph, differentiated, node => !_registry.IsNotDifferentiable(node.OpType));
        _requiresGradient.RemoveWhere(tensor => !Resolved.IsFloat(tensor));
        if (!_requiresGradient.Contains(seed))
            throw new InvalidOperationException($"The objective '{seed}' does not depend on {string.Join(", ", differentiated)}.");

        AddGradient(seed, Emitter.Constant(1f));
        for (var i = forwardNodes.Count - 1; i >= 0; i--)
        {
            var node = forwardNodes[i];
            if (!node.Output.Any(HasGradient) || !node.Input.Any(RequiresGradient)) continue;
            _registry.RuleFor(node).EmitGradients(new GradientContext(node, this));
        }
        return differentiated.ToDictionary(input => input, input => HasGradient(input)
            ? Gradient(input)
            : throw new InvalidOperationException($"No gradient reached input '{input}'."));
    }

    public bool RequiresGradient(string tensor) => _requiresGradient.Contains(tensor);

    public bool HasGradient(string tensor) => _contributions.ContainsKey(tensor);

    public void AddGradient(string tensor, string gradient)
    {
        if (_summed.ContainsKey(tensor))
            throw new InvalidOperationException($"The gradient of '{tensor}' was already used before all its contributions arrived.");
        if (!_contributions.TryGetValue(tensor, out var list)) _contributions[tensor] = list = [];
        list.Add(gradient);
    }

    /// <summary>The total gradient of a tensor: the sum of what every node reading it contributed.</summary>
    public string Gradient(string tensor)
    {
        if (_summed.TryGetValue(tensor, out var sum)) return sum;
        var parts = _contributions[tensor];
        sum = parts.Count == 1 ? parts[0] : Emitter.Node("Sum", parts);
        _summed[tensor] = sum;
        return sum;
    }

    public float[]? FloatInitializer(string tensor) =>
        _initializers.TryGetValue(tensor, out var initializer) && OnnxTensor.IsFloatingPoint(initializer)
            ? OnnxTensor.ToFloats(initializer)
            : null;
}

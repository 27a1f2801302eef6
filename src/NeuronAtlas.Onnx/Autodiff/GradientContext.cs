using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// What a gradient rule sees of the node it differentiates: its inputs I(i) and outputs O(i), the gradients
/// flowing into its outputs GO(i), where to put its input gradients GI(i), concrete shapes, constant values
/// and an emitter for new nodes.
/// </summary>
public sealed class GradientContext
{
    private readonly BackwardPass _pass;

    internal GradientContext(NodeProto node, BackwardPass pass)
    {
        Node = node;
        _pass = pass;
    }

    public NodeProto Node { get; }

    /// <summary>Adds nodes and constants to the gradient graph.</summary>
    public GraphEmitter Emit => _pass.Emitter;

    public int Opset => _pass.Emitter.Opset;

    public int InputCount => Node.Input.Count;

    public int OutputCount => Node.Output.Count;

    /// <summary>The name of input i, or "" when an optional input is absent.</summary>
    public string I(int i) => i < Node.Input.Count ? Node.Input[i] : "";

    public bool HasInput(int i) => I(i).Length > 0;

    public string O(int i) => Node.Output[i];

    public int[] IShape(int i) => Shape(I(i));

    public int[] OShape(int i) => Shape(O(i));

    public int[] Shape(string tensor) => _pass.Resolved.Shape(tensor);

    public TensorProto.Types.DataType ElementType(string tensor) => _pass.Resolved.ElementTypes[tensor];

    public bool IsFloat(string tensor) => _pass.Resolved.IsFloat(tensor);

    /// <summary>Whether any gradient flows into output i.</summary>
    public bool HasGO(int i) => i < Node.Output.Count && _pass.HasGradient(Node.Output[i]);

    /// <summary>The gradient of output i (zeros when none flows into it).</summary>
    public string GO(int i) => HasGO(i) ? _pass.Gradient(Node.Output[i]) : Emit.Zeros(OShape(i));

    /// <summary>Whether input i lies on a path from a differentiated input and so needs a gradient.</summary>
    public bool NeedsGI(int i) => HasInput(i) && _pass.RequiresGradient(I(i));

    /// <summary>Records <paramref name="gradient"/> as this node's contribution to the gradient of input i.</summary>
    public void SetGI(int i, string gradient)
    {
        if (!NeedsGI(i)) throw new InvalidOperationException($"Input {i} of node '{Node.Name}' does not need a gradient.");
        _pass.AddGradient(I(i), gradient);
    }

    /// <summary>Sums a gradient of the given (broadcast) shape over its broadcast axes to input i's shape.</summary>
    public string ReduceToInput(int i, string gradient, int[] gradientShape) =>
        Emit.ReduceToShape(gradient, gradientShape, IShape(i));

    /// <summary>Sets GI(i) to a gradient of the output's shape, reduced over broadcast axes, if input i needs one.</summary>
    public void SetBroadcastGI(int i, Func<string> gradientOfOutputShape)
    {
        if (NeedsGI(i)) SetGI(i, ReduceToInput(i, gradientOfOutputShape(), OShape(0)));
    }

    /// <summary>The values of an integer tensor that is constant for the resolved input shapes, or null.</summary>
    public long[]? IntegerValues(string tensor) => _pass.Resolved.IntegerValues.GetValueOrDefault(tensor);

    /// <summary>The values of integer input i, which must be constant (an initializer or shape arithmetic).</summary>
    public long[] ConstantIntegers(int i) => IntegerValues(I(i))
        ?? throw new NotSupportedException($"Input {i} ('{I(i)}') of {Node.OpType} node '{Node.Name}' must be constant to differentiate it.");

    /// <summary>The values of a float initializer, or null when the tensor is not one.</summary>
    public float[]? FloatConstant(string tensor) => _pass.FloatInitializer(tensor);

    /// <summary>An axis attribute made non-negative for a tensor of the given rank.</summary>
    public static int NormalizeAxis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);

    /// <summary>Fails naming this node when it uses a feature the rule does not differentiate.</summary>
    public NotSupportedException Unsupported(string what) =>
        new($"Cannot differentiate {Node.OpType} node '{Node.Name}': {what}.");
}

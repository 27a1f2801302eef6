using NeuronAtlas.Onnx.Autodiff.Rules;
using Onnx;

namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>
/// Maps each op type to its gradient rule. Ops marked not differentiable (shape queries, comparisons,
/// integer ops, constants) pass no gradient. An op with neither throws <see cref="MissingGradientRuleException"/>
/// when a node of that type lies between the differentiated input and the objective.
/// </summary>
public sealed class GradientRegistry
{
    private readonly Dictionary<string, IGradientRule> _rules = new();
    private readonly HashSet<string> _notDifferentiable = [];

    /// <summary>A new registry holding every built-in rule; add or replace rules on it freely.</summary>
    public static GradientRegistry CreateDefault()
    {
        var registry = new GradientRegistry();

        registry.Register("Add", ElementwiseGradients.Add);
        registry.Register("Sub", ElementwiseGradients.Sub);
        registry.Register("Mul", ElementwiseGradients.Mul);
        registry.Register("Div", ElementwiseGradients.Div);
        registry.Register("Neg", ElementwiseGradients.Neg);
        registry.Register("Relu", ElementwiseGradients.Relu);
        registry.Register("LeakyRelu", ElementwiseGradients.LeakyRelu);
        registry.Register("Sigmoid", ElementwiseGradients.Sigmoid);
        registry.Register("Tanh", ElementwiseGradients.Tanh);
        registry.Register("Exp", ElementwiseGradients.Exp);
        registry.Register("Log", ElementwiseGradients.Log);
        registry.Register("Sqrt", ElementwiseGradients.Sqrt);
        registry.Register("Reciprocal", ElementwiseGradients.Reciprocal);
        registry.Register("Pow", ElementwiseGradients.Pow);
        registry.Register("Erf", ElementwiseGradients.Erf);
        registry.Register("Abs", ElementwiseGradients.Abs);
        registry.Register("Identity", ElementwiseGradients.Identity);
        registry.Register("Cast", ElementwiseGradients.Cast);
        registry.Register("Clip", ElementwiseGradients.Clip);
        registry.Register("Max", ElementwiseGradients.MaxOrMin);
        registry.Register("Min", ElementwiseGradients.MaxOrMin);
        registry.Register("Sum", ElementwiseGradients.Sum);
        registry.Register("Where", ElementwiseGradients.Where);

        registry.Register("MatMul", MatMulGradients.MatMul);
        registry.Register("Gemm", MatMulGradients.Gemm);

        registry.Register("Conv", ConvPoolGradients.Conv);
        registry.Register("AveragePool", ConvPoolGradients.AveragePool);
        registry.Register("MaxPool", ConvPoolGradients.MaxPool);
        registry.Register("GlobalAveragePool", ConvPoolGradients.GlobalAveragePool);
        registry.Register("GlobalMaxPool", ConvPoolGradients.GlobalMaxPool);
        registry.Register("Pad", ConvPoolGradients.Pad);

        registry.Register("ReduceSum", ReduceGradients.ReduceSum);
        registry.Register("ReduceMean", ReduceGradients.ReduceMean);
        registry.Register("ReduceMax", ReduceGradients.ReduceMaxOrMin);
        registry.Register("ReduceMin", ReduceGradients.ReduceMaxOrMin);
        registry.Register("ReduceSumSquare", ReduceGradients.ReduceSumSquare);
        registry.Register("ReduceL2", ReduceGradients.ReduceL2);

        registry.Register("Reshape", ShapeGradients.ReshapeBack);
        registry.Register("Flatten", ShapeGradients.ReshapeBack);
        registry.Register("Squeeze", ShapeGradients.ReshapeBack);
        registry.Register("Unsqueeze", ShapeGradients.ReshapeBack);
        registry.Register("Transpose", ShapeGradients.Transpose);
        registry.Register("Concat", ShapeGradients.Concat);
        registry.Register("Split", ShapeGradients.Split);
        registry.Register("Slice", ShapeGradients.Slice);
        registry.Register("Gather", ShapeGradients.Gather);
        registry.Register("Expand", ShapeGradients.Expand);

        registry.Register("Softmax", NormalizationGradients.Softmax);
        registry.Register("LogSoftmax", NormalizationGradients.LogSoftmax);
        registry.Register("LayerNormalization", NormalizationGradients.LayerNormalization);
        registry.Register("BatchNormalization", NormalizationGradients.BatchNormalization);

        foreach (var op in new[]
                 {
                     "Shape", "Size", "Constant", "ConstantOfShape", "Range", "EyeLike", "NonZero",
                     "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor",
                     "ArgMax", "ArgMin", "Floor", "Ceil", "Round", "Sign", "IsNaN", "IsInf", "OneHot", "Mod",
                 })
            registry.RegisterNotDifferentiable(op);
        return registry;
    }

    public void Register(string opType, IGradientRule rule)
    {
        _notDifferentiable.Remove(opType);
        _rules[opType] = rule;
    }

    public void Register(string opType, Action<GradientContext> rule) => Register(opType, new GradientRule(rule));

    /// <summary>Marks an op whose outputs carry no gradient back to its inputs.</summary>
    public void RegisterNotDifferentiable(string opType)
    {
        _rules.Remove(opType);
        _notDifferentiable.Add(opType);
    }

    public bool IsNotDifferentiable(string opType) => _notDifferentiable.Contains(opType);

    public bool HasRule(string opType) => _rules.ContainsKey(opType);

    /// <summary>The rule for the node's op type.</summary>
    /// <exception cref="MissingGradientRuleException">The op has no rule.</exception>
    public IGradientRule RuleFor(NodeProto node) =>
        _rules.TryGetValue(node.OpType, out var rule) ? rule : throw new MissingGradientRuleException(node.OpType, node.Name);
}

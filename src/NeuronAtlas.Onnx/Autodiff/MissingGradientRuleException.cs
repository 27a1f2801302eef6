namespace NeuronAtlas.Onnx.Autodiff;

/// <summary>Thrown when a node between the differentiated input and the objective has an op with no gradient rule.</summary>
public sealed class MissingGradientRuleException(string opType, string nodeName)
    : NotSupportedException($"No gradient rule for op type '{opType}' (node '{nodeName}'). Register one in GradientRegistry.")
{
    public string OpType { get; } = opType;

    public string NodeName { get; } = nodeName;
}

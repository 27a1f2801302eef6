using NeuronAtlas.Onnx.Graph;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>Builds small ONNX models for tests.</summary>
public sealed class TestModels
{
    public const int Opset = 17;

    private readonly ModelProto _model;

    private TestModels(int opset)
    {
        _model = new ModelProto { Graph = new GraphProto { Name = "test" }, ProducerName = "NeuronAtlas.Onnx.Tests" };
        ModelOpset.Set(_model, opset);
    }

    public static TestModels Create(int opset = Opset) => new(opset);

    public TestModels Input(string name, params int[] shape) => TypedInput(name, DataType.Float, shape);

    public TestModels TypedInput(string name, DataType type, params int[] shape)
    {
        var input = new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type } },
        };
        DeclaredShapes.SetInputShape(input, shape);
        _model.Graph.Input.Add(input);
        return this;
    }

    public TestModels Constant(string name, float[] data, params int[] shape)
    {
        _model.Graph.Initializer.Add(OnnxTensor.FromFloats(name, data, shape));
        return this;
    }

    public TestModels Int64s(string name, params long[] data)
    {
        _model.Graph.Initializer.Add(OnnxTensor.FromInt64s(name, data));
        return this;
    }

    public TestModels Int64s(string name, long[] data, int[] shape)
    {
        _model.Graph.Initializer.Add(OnnxTensor.FromInt64s(name, data, shape));
        return this;
    }

    public TestModels Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        Node(opType, inputs, [output], attributes);

    public TestModels Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_model.Graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _model.Graph.Node.Add(node);
        return this;
    }

    public TestModels Output(params string[] names)
    {
        foreach (var name in names) _model.Graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public ModelProto Build() => _model.Clone();
}

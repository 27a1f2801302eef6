using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Concrete shapes and element types of a graph's tensors, and the values of its small integer tensors.</summary>
public sealed class ResolvedTensors
{
    private readonly Dictionary<string, int[]> _shapes = new();
    private readonly Dictionary<string, DataType> _elementTypes = new();
    private readonly Dictionary<string, long[]> _integerValues = new();

    public IReadOnlyDictionary<string, int[]> Shapes => _shapes;

    public IReadOnlyDictionary<string, DataType> ElementTypes => _elementTypes;

    /// <summary>Values of the integer tensors seen when resolving (shapes, indices, axes...).</summary>
    public IReadOnlyDictionary<string, long[]> IntegerValues => _integerValues;

    public int[] Shape(string tensor) => _shapes.TryGetValue(tensor, out var shape)
        ? shape
        : throw new KeyNotFoundException($"No shape is known for tensor '{tensor}'.");

    public bool IsFloat(string tensor) => _elementTypes.TryGetValue(tensor, out var type) && type is DataType.Float or DataType.Double;

    public void Add(string tensor, int[] shape, DataType elementType, long[]? integerValue = null)
    {
        _shapes[tensor] = shape;
        _elementTypes[tensor] = elementType;
        if (integerValue is not null) _integerValues[tensor] = integerValue;
    }

    public void AddInitializers(GraphProto graph)
    {
        foreach (var initializer in graph.Initializer)
        {
            var isInteger = OnnxTensor.IsInteger(initializer);
            Add(initializer.Name, OnnxTensor.Dims(initializer), (DataType)initializer.DataType,
                isInteger ? OnnxTensor.ToInt64s(initializer) : null);
        }
    }

    /// <summary>Copies in every entry of another resolution.</summary>
    public void AddAll(ResolvedTensors other)
    {
        foreach (var (name, shape) in other._shapes) _shapes[name] = shape;
        foreach (var (name, type) in other._elementTypes) _elementTypes[name] = type;
        foreach (var (name, value) in other._integerValues) _integerValues[name] = value;
    }
}

using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Graph;

/// <summary>Converts between ONNX tensor protos and plain arrays.</summary>
public static class OnnxTensor
{
    public static TensorProto FromFloats(string name, ReadOnlySpan<float> data, IEnumerable<int> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data));
        return tensor;
    }

    public static TensorProto FromInt64s(string name, ReadOnlySpan<long> data, IEnumerable<int> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data));
        return tensor;
    }

    public static TensorProto FromInt32s(string name, ReadOnlySpan<int> data, IEnumerable<int> dims) =>
        FromBytes(name, DataType.Int32, MemoryMarshal.AsBytes(data), dims);

    public static TensorProto FromInt8s(string name, ReadOnlySpan<sbyte> data, IEnumerable<int> dims) =>
        FromBytes(name, DataType.Int8, MemoryMarshal.AsBytes(data), dims);

    public static TensorProto FromUInt8s(string name, ReadOnlySpan<byte> data, IEnumerable<int> dims) =>
        FromBytes(name, DataType.Uint8, data, dims);

    private static TensorProto FromBytes(string name, DataType type, ReadOnlySpan<byte> raw, IEnumerable<int> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        tensor.RawData = ByteString.CopyFrom(raw);
        return tensor;
    }

    /// <summary>A one-dimensional int64 tensor, the form ONNX uses for shapes and axes.</summary>
    public static TensorProto FromInt64s(string name, long[] data) => FromInt64s(name, data, [data.Length]);

    public static int[] Dims(TensorProto tensor) => tensor.Dims.Select(d => checked((int)d)).ToArray();

    public static bool IsFloatingPoint(TensorProto tensor) =>
        tensor.DataType is (int)DataType.Float or (int)DataType.Double;

    public static bool IsInteger(TensorProto tensor) =>
        tensor.DataType is (int)DataType.Int64 or (int)DataType.Int32;

    /// <summary>The values of a float or double tensor as floats.</summary>
    public static float[] ToFloats(TensorProto tensor)
    {
        RejectExternalData(tensor);
        return (DataType)tensor.DataType switch
        {
            DataType.Float when tensor.RawData.Length > 0 => MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray(),
            DataType.Float => tensor.FloatData.ToArray(),
            DataType.Double when tensor.RawData.Length > 0 =>
                MemoryMarshal.Cast<byte, double>(tensor.RawData.Span).ToArray().Select(v => (float)v).ToArray(),
            DataType.Double => tensor.DoubleData.Select(v => (float)v).ToArray(),
            _ => throw new NotSupportedException($"Tensor '{tensor.Name}' has data type {(DataType)tensor.DataType}, not float."),
        };
    }

    /// <summary>The values of an int64 or int32 tensor as longs.</summary>
    public static long[] ToInt64s(TensorProto tensor)
    {
        RejectExternalData(tensor);
        return (DataType)tensor.DataType switch
        {
            DataType.Int64 when tensor.RawData.Length > 0 => MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray(),
            DataType.Int64 => tensor.Int64Data.ToArray(),
            DataType.Int32 when tensor.RawData.Length > 0 =>
                MemoryMarshal.Cast<byte, int>(tensor.RawData.Span).ToArray().Select(v => (long)v).ToArray(),
            DataType.Int32 => tensor.Int32Data.Select(v => (long)v).ToArray(),
            _ => throw new NotSupportedException($"Tensor '{tensor.Name}' has data type {(DataType)tensor.DataType}, not an integer type."),
        };
    }

    private static void RejectExternalData(TensorProto tensor)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new NotSupportedException($"Tensor '{tensor.Name}' keeps its data in an external file; load the model with its data inlined.");
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuronAtlas.Onnx.IO;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1 to 3). Writes little-endian float32 in C order;
/// reads float32, float64, int64, int32 and uint8 arrays in C order, converting the values to float32.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Header plus padding is a multiple of this many bytes, as NumPy writes it.</summary>
    private const int Alignment = 64;

    public static void Write(string path, float[] data, int[] shape)
    {
        using var stream = File.Create(path);
        Write(stream, data, shape);
    }

    public static void Write(Stream stream, float[] data, int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length) throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {count} values, not {data.Length}.");
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        var unpadded = Magic.Length + 2 + 2 + header.Length + 1;
        header += new string(' ', (Alignment - unpadded % Alignment) % Alignment) + "\n";

        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (BitConverter.IsLittleEndian) stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        else foreach (var value in data) stream.Write(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(value))));
    }

    public static NpyArray Read(string path) => Read(File.ReadAllBytes(path), path);

    public static NpyArray Read(byte[] bytes, string sourceName = "array")
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{sourceName} is not a .npy file.");
        var major = bytes[6];
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !shapeMatch.Success) throw new InvalidDataException($"{sourceName} has an unreadable header: {header}");
        if (header.Contains("'fortran_order': True")) throw new NotSupportedException($"{sourceName} is in Fortran order.");
        var shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1, (a, b) => checked(a * b));
        var payload = bytes.AsSpan(headerStart + headerLength);
        return new NpyArray(Decode(payload, descr.Groups[1].Value, count, sourceName), shape);
    }

    private static float[] Decode(ReadOnlySpan<byte> payload, string descr, int count, string sourceName)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Reading .npy files needs a little-endian machine.");
        var itemSize = descr switch { "<f4" or "<i4" => 4, "<f8" or "<i8" => 8, "|u1" or "<u1" => 1, _ => 0 };
        if (itemSize == 0) throw new NotSupportedException($"{sourceName} holds '{descr}' values; float32/64, int32/64 and uint8 are supported.");
        if (payload.Length < count * itemSize) throw new InvalidDataException($"{sourceName} is truncated.");
        var data = payload[..(count * itemSize)];
        return descr switch
        {
            "<f4" => MemoryMarshal.Cast<byte, float>(data).ToArray(),
            "<f8" => Convert(MemoryMarshal.Cast<byte, double>(data), v => (float)v),
            "<i8" => Convert(MemoryMarshal.Cast<byte, long>(data), v => (float)v),
            "<i4" => Convert(MemoryMarshal.Cast<byte, int>(data), v => (float)v),
            _ => Convert(data, v => (float)v),
        };
    }

    private static float[] Convert<T>(ReadOnlySpan<T> values, Func<T, float> convert)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = convert(values[i]);
        return result;
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

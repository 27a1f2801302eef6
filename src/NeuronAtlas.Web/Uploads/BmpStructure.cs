using System.Buffers.Binary;

namespace NeuronAtlas.Web.Uploads;

/// <summary>Checks that a BMP holds as many bytes as its file header declares (writers that store 0 are accepted).</summary>
public static class BmpStructure
{
    public static string? FindProblem(ReadOnlySpan<byte> data)
    {
        if (data.Length < 14) return "the file is truncated (shorter than a BMP file header)";
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(data[2..]);
        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        if (declared > data.Length) return $"the file is truncated ({data.Length} bytes, its header declares {declared})";
        if (pixelOffset >= data.Length) return "the file is truncated (it ends before its pixel data)";
        return null;
    }
}

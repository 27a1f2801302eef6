using System.Buffers.Binary;

namespace NeuronAtlas.Web.Uploads;

/// <summary>Checks that a WebP file (a RIFF container) holds as many bytes as its header declares.</summary>
public static class RiffStructure
{
    public static string? FindProblem(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12) return "the file is truncated (shorter than a RIFF header)";
        long declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        return declared > data.Length
            ? $"the file is truncated ({data.Length} bytes, its RIFF header declares {declared})"
            : null;
    }
}

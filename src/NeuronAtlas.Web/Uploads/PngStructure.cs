using System.Buffers.Binary;

namespace NeuronAtlas.Web.Uploads;

/// <summary>Walks a PNG's chunks up to IEND, so a file cut short is refused before decoding.</summary>
public static class PngStructure
{
    private const int SignatureLength = 8;
    private const int ChunkOverhead = 12; // length, type and CRC

    /// <summary>Null when the chunks run intact up to IEND; otherwise what is wrong.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> data)
    {
        long pos = SignatureLength;
        while (true)
        {
            if (pos + 8 > data.Length) return Truncated;
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            if (length > int.MaxValue) return $"a chunk at byte {pos} declares an impossible length";
            var type = data.Slice((int)pos + 4, 4);
            if (pos + ChunkOverhead + length > data.Length) return Truncated;
            if (type.SequenceEqual("IEND"u8)) return null;
            pos += ChunkOverhead + length;
        }
    }

    private const string Truncated = "the file is truncated (its chunks end before the PNG IEND chunk)";
}

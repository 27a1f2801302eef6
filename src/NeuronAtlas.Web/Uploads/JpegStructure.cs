using System.Buffers.Binary;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Walks a JPEG's marker segments and entropy-coded data up to the end-of-image marker. The decoder fills a
/// truncated scan with black instead of failing, so a file that ends early is caught here.
/// </summary>
public static class JpegStructure
{
    private const byte Marker = 0xFF, StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA;

    /// <summary>Null when the file reaches its end-of-image marker; otherwise what is wrong.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != Marker || data[1] != StartOfImage) return "it does not start with a JPEG start-of-image marker";
        int pos = 2;
        while (true)
        {
            if (pos >= data.Length) return Truncated;
            if (data[pos] != Marker) return $"expected a marker at byte {pos}";
            while (pos < data.Length && data[pos] == Marker) pos++; // fill bytes
            if (pos >= data.Length) return Truncated;
            byte marker = data[pos++];
            if (marker == EndOfImage) return null;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // markers without a length
            if (pos + 2 > data.Length) return Truncated;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2) return $"a segment at byte {pos} has an invalid length";
            if (pos + length > data.Length) return Truncated;
            pos += length;
            if (marker == StartOfScan)
            {
                pos = SkipEntropyCodedData(data, pos);
                if (pos < 0) return Truncated;
            }
        }
    }

    private const string Truncated = "the file is truncated (it ends before the JPEG end-of-image marker)";

    /// <summary>Position of the next marker after scan data, or -1 when the data ends first.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int pos)
    {
        while (true)
        {
            int next = data[pos..].IndexOf(Marker);
            if (next < 0) return -1;
            pos += next;
            if (pos + 1 >= data.Length) return -1;
            byte following = data[pos + 1];
            // 0xFF00 is an escaped data byte and 0xFFD0-0xFFD7 are restart markers: both belong to the scan.
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7) { pos += 2; continue; }
            return pos;
        }
    }
}

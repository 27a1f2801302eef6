using System.Buffers.Binary;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Walks a GIF's blocks without decoding them. Every frame must lie inside the logical screen: a frame
/// descriptor can claim up to 65535x65535 pixels whatever the screen size the header reports, and a
/// decoder would allocate for it.
/// </summary>
public static class GifStructure
{
    private const int HeaderLength = 13; // signature, version and logical screen descriptor
    private const byte ImageSeparator = 0x2C, ExtensionIntroducer = 0x21, Trailer = 0x3B;

    /// <summary>What a walk found: a problem that makes the file unreadable, or a frame too large to accept.</summary>
    public readonly record struct Finding(string? Unreadable, string? OversizedFrame);

    public static Finding Inspect(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength) return Unreadable(Truncated);
        int screenWidth = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        int screenHeight = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        int pos = HeaderLength + ColourTableLength(data[10]);
        int frames = 0;
        while (true)
        {
            if (pos >= data.Length)
                return frames > 0 ? default : Unreadable(Truncated); // a missing trailer after whole frames is tolerated
            byte block = data[pos++];
            switch (block)
            {
                case Trailer:
                    return frames > 0 ? default : Unreadable("the GIF has no frames");
                case ExtensionIntroducer:
                    if (pos >= data.Length) return Unreadable(Truncated);
                    pos = SkipSubBlocks(data, pos + 1);
                    break;
                case ImageSeparator:
                    if (pos + 9 > data.Length) return Unreadable(Truncated);
                    int left = BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]);
                    int top = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]);
                    int width = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 4)..]);
                    int height = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 6)..]);
                    frames++;
                    if (left + width > screenWidth || top + height > screenHeight)
                        return new(null, $"GIF frame {frames} is {width}x{height} pixels at ({left},{top}), " +
                            $"outside its {screenWidth}x{screenHeight} logical screen");
                    pos += 9 + ColourTableLength(data[pos + 8]);
                    pos = pos + 1 > data.Length ? -1 : SkipSubBlocks(data, pos + 1); // +1: LZW minimum code size
                    break;
                default:
                    return Unreadable($"unexpected GIF block 0x{block:X2} at byte {pos - 1}");
            }
            if (pos < 0) return Unreadable(Truncated);
        }
    }

    private const string Truncated = "the file is truncated (it ends inside a GIF block)";

    private static Finding Unreadable(string problem) => new(problem, null);

    private static int ColourTableLength(byte packedFields) =>
        (packedFields & 0x80) == 0 ? 0 : 3 * (1 << ((packedFields & 0x07) + 1));

    /// <summary>Position after the sub-block chain starting at pos, or -1 when the data ends first.</summary>
    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int pos)
    {
        while (true)
        {
            if (pos >= data.Length) return -1;
            int size = data[pos];
            pos += 1 + size;
            if (size == 0) return pos;
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>Images for upload tests, valid and hostile, built in memory.</summary>
public static class TestImages
{
    /// <summary>A picture with structure (stripes, a disc and a gradient) so the network has something to respond to.</summary>
    public static Image<Rgb24> Pattern(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double dx = x - width / 2.0, dy = y - height / 2.0;
                bool disc = dx * dx + dy * dy < Math.Pow(Math.Min(width, height) / 4.0, 2);
                bool stripe = (x / 12 + y / 12) % 2 == 0;
                image[x, y] = disc ? new Rgb24(230, 40, 30) : stripe ? new Rgb24(20, 20, 20) : new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), 200);
            }
        return image;
    }

    public static byte[] Jpeg(int width = 300, int height = 200) => Encode(width, height, (image, s) => image.SaveAsJpeg(s));
    public static byte[] Png(int width = 300, int height = 200) => Encode(width, height, (image, s) => image.SaveAsPng(s));
    public static byte[] Bmp(int width = 300, int height = 200) => Encode(width, height, (image, s) => image.SaveAsBmp(s));
    public static byte[] Webp(int width = 300, int height = 200) => Encode(width, height, (image, s) => image.SaveAsWebp(s));

    /// <summary>A two-frame animated GIF: the pattern, then a black frame.</summary>
    public static byte[] AnimatedGif(int width = 120, int height = 80)
    {
        using var image = Pattern(width, height);
        using var second = new Image<Rgb24>(width, height, new Rgb24(0, 0, 0));
        image.Frames.AddFrame(second.Frames.RootFrame);
        using var stream = new MemoryStream();
        image.SaveAsGif(stream, new GifEncoder());
        return stream.ToArray();
    }

    /// <summary>The first frame of an animated image, as PNG.</summary>
    public static byte[] FirstFramePng(byte[] animated)
    {
        using var decoded = Image.Load<Rgb24>(animated);
        using var firstFrame = decoded.Frames.CloneFrame(0);
        using var png = new MemoryStream();
        firstFrame.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>A 160x160 PNG with an opaque red square in the middle, on transparent or white pixels.</summary>
    public static byte[] RedSquare(bool transparent)
    {
        using var image = new Image<Rgba32>(160, 160, transparent ? new Rgba32(0, 0, 0, 0) : new Rgba32(255, 255, 255, 255));
        for (int y = 40; y < 120; y++)
            for (int x = 40; x < 120; x++)
                image[x, y] = new Rgba32(200, 30, 30, 255);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>The first half of a valid JPEG: headers intact, scan data cut off.</summary>
    public static byte[] TruncatedJpeg()
    {
        var jpeg = Jpeg(400, 300);
        return jpeg[..(jpeg.Length / 2)];
    }

    /// <summary>A valid JPEG whose start-of-frame header is rewritten to claim width x height pixels.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg(64, 48);
        int sof = FindMarker(jpeg, 0xC0);
        // SOF0: FF C0, length (2), precision (1), height (2), width (2).
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);
        return jpeg;
    }

    /// <summary>
    /// A JPEG whose Huffman tables are garbage: every table claims 255 codes of each length, more than any JPEG can
    /// hold. The headers and structure still read as a JPEG; the decoder must refuse it.
    /// </summary>
    public static byte[] JpegWithCorruptHuffmanTables()
    {
        var jpeg = Jpeg(400, 300);
        for (int at = FindMarker(jpeg, 0xC4); at >= 0; at = FindMarker(jpeg, 0xC4, at + 2))
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            int end = at + 2 + length;
            for (int table = at + 4; table + 17 <= end;)
            {
                int count = 0;
                for (int i = 1; i <= 16; i++) count += jpeg[table + i];
                jpeg.AsSpan(table + 1, 16).Fill(0xFE); // 0xFF would read as a marker
                table += 17 + count;
            }
        }
        return jpeg;
    }

    /// <summary>Position of the first marker 0xFF <paramref name="code"/> at or after <paramref name="from"/>, in the headers; -1 when none.</summary>
    private static int FindMarker(byte[] jpeg, byte code, int from = 2)
    {
        int sos = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        for (int i = from; i + 1 < sos; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == code) return i;
        return -1;
    }

    public static byte[] TextNamedPng() => Encoding.UTF8.GetBytes("This is a plain text file, although its name ends in .png.\n");

    /// <summary>
    /// A PNG of a few hundred bytes whose header claims width x height pixels (a "decompression bomb"):
    /// a valid IHDR, a short zlib stream of zeros as IDAT, and IEND. Nothing of the claimed size is allocated.
    /// </summary>
    public static byte[] PngBomb(int width = 30000, int height = 30000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(png, "IHDR", header);
        using (var zlibData = new MemoryStream())
        {
            using (var zlib = new ZLibStream(zlibData, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(new byte[64 * 1024]);
            WriteChunk(png, "IDAT", zlibData.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// An animated GIF with a 16x16 logical screen: a normal first frame, then a frame whose descriptor claims
    /// frameWidth x frameHeight pixels. Each frame's data is just an LZW clear and end code.
    /// </summary>
    public static byte[] GifWithHugeFrame(int frameWidth = 60000, int frameHeight = 60000) =>
        HandmadeGif(16, 16, [(16, 16), (frameWidth, frameHeight)]);

    /// <summary>A GIF whose logical screen itself claims screenWidth x screenHeight pixels, with two frames of that size.</summary>
    public static byte[] GifWithHugeScreen(int screenWidth = 65000, int screenHeight = 65000) =>
        HandmadeGif(screenWidth, screenHeight, [(screenWidth, screenHeight), (screenWidth, screenHeight)]);

    private static byte[] HandmadeGif(int screenWidth, int screenHeight, (int Width, int Height)[] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteUInt16(gif, screenWidth);
        WriteUInt16(gif, screenHeight);
        gif.Write([0x80, 0, 0]); // global colour table of 2 entries, background 0, no aspect ratio
        gif.Write([0, 0, 0, 255, 255, 255]);
        gif.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]); // loop forever: an animation
        foreach (var (width, height) in frames)
        {
            gif.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control: 100 ms delay
            gif.WriteByte(0x2C);
            WriteUInt16(gif, 0);
            WriteUInt16(gif, 0);
            WriteUInt16(gif, width);
            WriteUInt16(gif, height);
            gif.WriteByte(0); // no local colour table
            gif.Write([2, 1, 0x2C, 0]); // LZW minimum code size 2; one sub-block holding clear (4) and end (5) codes
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static byte[] Encode(int width, int height, Action<Image<Rgb24>, Stream> save)
    {
        using var image = Pattern(width, height);
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }

    private static void WriteUInt16(Stream s, int value) => s.Write([(byte)(value & 0xFF), (byte)(value >> 8)]);

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(typeBytes);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}

using System.Buffers;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;

namespace NeuronAtlas.Core.Images;

/// <summary>
/// Decodes images with Skia's codecs (libjpeg-turbo, libpng, libwebp, Skia's GIF and BMP readers: the decoders a
/// browser runs on hostile web content). A JPEG is decoded at the smallest of libjpeg's reduced scales (1/2, 1/4, 1/8,
/// its scaled inverse DCTs) whose short side still reaches the size the preprocessing resizes to, so a large photo costs
/// a fraction of a full decode and is never upscaled because of it. The first frame only; transparent pixels are
/// composited onto white (as <see cref="ImageDecoding.LoadRgbOnWhite"/>) and the EXIF orientation is applied. No ICC
/// colour conversion, as with ImageSharp. Callers must bound the header's pixel count before calling.
/// </summary>
public static class SkiaImageDecoder
{
    /// <summary>libjpeg's reduced scales that have their own inverse DCT (and the same ones PIL's draft mode picks from).</summary>
    private static readonly int[] JpegDenominators = [8, 4, 2, 1];

    private const int PooledBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The largest of 8, 4, 2 and 1 that divides the image so that its short side (rounded up, as libjpeg does) is
    /// still at least <paramref name="minShortSide"/>; 1 when the image is smaller than that already.
    /// </summary>
    public static int JpegScaleDenominator(int width, int height, int minShortSide)
    {
        int shortSide = Math.Min(width, height);
        foreach (int denominator in JpegDenominators)
            if (ScaledSide(shortSide, denominator) >= minShortSide) return denominator;
        return 1;
    }

    /// <summary>A side of an image decoded at 1/<paramref name="denominator"/>: libjpeg rounds up.</summary>
    public static int ScaledSide(int side, int denominator) => (side + denominator - 1) / denominator;

    /// <param name="minShortSide">The short side the caller needs (a JPEG is decoded no smaller); <see cref="int.MaxValue"/> decodes at full size.</param>
    /// <param name="expected">The format the caller identified; Skia must see the same, or nothing is decoded.</param>
    /// <param name="maxPixels">
    /// The pixel limit the caller checked the header against: Skia reads the header again itself, and a file whose two
    /// readings differ must not get past the limit that way.
    /// </param>
    /// <param name="orientation">
    /// The EXIF orientation to apply; null applies the one Skia reads (JPEG and WebP: Skia ignores a PNG's eXIf chunk).
    /// </param>
    /// <exception cref="InvalidDataException">
    /// Skia cannot read the image, sees another format or more than <paramref name="maxPixels"/> pixels, or the file is
    /// truncated or corrupt.
    /// </exception>
    public static Image<Rgb24> DecodeRgbOnWhite(byte[] bytes, int minShortSide, SKEncodedImageFormat expected, long maxPixels,
        SKEncodedOrigin? orientation = null)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("Skia recognises no image format in it.");
        if (codec.EncodedFormat != expected)
            throw new InvalidDataException($"Skia reads it as {codec.EncodedFormat}, not {expected}.");
        var info = codec.Info;
        if ((long)info.Width * info.Height > maxPixels)
            throw new InvalidDataException($"Skia reads its header as {info.Width}x{info.Height}, over the {maxPixels}-pixel limit.");
        int denominator = codec.EncodedFormat == SKEncodedImageFormat.Jpeg
            ? JpegScaleDenominator(info.Width, info.Height, minShortSide)
            : 1;
        var size = codec.GetScaledDimensions(1f / denominator);
        if (size.Width != ScaledSide(info.Width, denominator) || size.Height != ScaledSide(info.Height, denominator))
            throw new InvalidOperationException(
                $"Skia offers {size.Width}x{size.Height} for 1/{denominator} of {info.Width}x{info.Height}, not libjpeg's scale.");

        // Premultiplied, so compositing onto white is c + (255 - a): the same as blending c over white with alpha a.
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        long length = 4L * size.Width * size.Height;
        if (length > Array.MaxLength) throw new InvalidDataException($"{size.Width}x{size.Height} pixels do not fit in one buffer.");
        // Pooled up to 4 MP; a rarer larger image gets an exact array, neither rounded up to a power of two nor kept in the pool.
        bool pooled = length <= PooledBytes;
        var rgba = pooled ? ArrayPool<byte>.Shared.Rent((int)length) : GC.AllocateUninitializedArray<byte>((int)length);
        var pinned = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(target, pinned.AddrOfPinnedObject(), target.RowBytes, SKCodecOptions.Default);
            if (result != SKCodecResult.Success)
                throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                    ? "the file ends before the image does"
                    : $"Skia cannot decode it ({result})");
            var image = OnWhite(rgba, size.Width, size.Height, info.AlphaType == SKAlphaType.Opaque);
            Orient(image, orientation ?? codec.EncodedOrigin);
            return image;
        }
        finally
        {
            pinned.Free();
            if (pooled) ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    /// <param name="premultipliedRgba">Rows of width x 4 bytes, from its start.</param>
    private static Image<Rgb24> OnWhite(byte[] premultipliedRgba, int width, int height, bool opaque)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            var rgba = MemoryMarshal.Cast<byte, Rgba32>(premultipliedRgba.AsSpan(0, width * height * 4));
            for (int y = 0; y < height; y++)
            {
                var source = rgba.Slice(y * width, width);
                var row = rows.GetRowSpan(y);
                if (opaque)
                {
                    PixelOperations<Rgba32>.Instance.ToRgb24(Configuration.Default, source, row);
                    continue;
                }
                for (int x = 0; x < width; x++)
                {
                    var p = source[x];
                    int background = 255 - p.A;
                    row[x] = new Rgb24((byte)(p.R + background), (byte)(p.G + background), (byte)(p.B + background));
                }
            }
        });
        return image;
    }

    /// <summary>Turns the stored pixels upright, as EXIF orientation <paramref name="origin"/> says.</summary>
    private static void Orient(Image<Rgb24> image, SKEncodedOrigin origin)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopLeft: return;
            case SKEncodedOrigin.TopRight: image.Mutate(x => x.Flip(FlipMode.Horizontal)); return;
            case SKEncodedOrigin.BottomRight: image.Mutate(x => x.Rotate(RotateMode.Rotate180)); return;
            case SKEncodedOrigin.BottomLeft: image.Mutate(x => x.Flip(FlipMode.Vertical)); return;
            case SKEncodedOrigin.LeftTop: image.Mutate(x => x.Rotate(RotateMode.Rotate90).Flip(FlipMode.Horizontal)); return;
            case SKEncodedOrigin.RightTop: image.Mutate(x => x.Rotate(RotateMode.Rotate90)); return;
            case SKEncodedOrigin.RightBottom: image.Mutate(x => x.Rotate(RotateMode.Rotate270).Flip(FlipMode.Horizontal)); return;
            case SKEncodedOrigin.LeftBottom: image.Mutate(x => x.Rotate(RotateMode.Rotate270)); return;
            default: throw new InvalidDataException($"Unknown EXIF orientation {origin}.");
        }
    }
}

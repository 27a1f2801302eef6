using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Web.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Decodes uploaded images defensively. <see cref="Inspect"/> reads only headers and block structure:
/// the format must be JPEG, PNG, WebP, GIF or BMP (415), the header must parse (400), width x height must stay
/// within the pixel limit (422), GIF frames must lie inside their logical screen (422), and the file must not be
/// truncated (400). Only then does <see cref="Decode"/> allocate pixels, and for a GIF only its first frame. ImageSharp
/// reads the headers; Skia decodes the pixels.
/// </summary>
public sealed class UploadImageDecoder(IOptions<UploadOptions> options)
{
    public const string AcceptedFormats = "JPEG, PNG, WebP, GIF or BMP";

    // Only the five accepted formats are registered, so TIFF, TGA and the rest are never parsed.
    private static readonly Configuration Formats = CreateConfiguration();

    public InspectedUpload Inspect(byte[] bytes)
    {
        if (bytes.Length == 0) throw RequestRejectedException.Unreadable("The upload is empty (0 bytes).");
        var format = Image.DetectFormat(Formats, bytes.AsSpan())
            ?? throw RequestRejectedException.UnsupportedFormat(
                $"The upload is not a {AcceptedFormats} image (its content matches none of them, whatever its name).");

        // Before any decoder looks at the frames: a GIF frame may claim far more pixels than the header's screen.
        if (format == GifFormat.Instance && GifStructure.Inspect(bytes).OversizedFrame is { } frame)
            throw RequestRejectedException.TooManyPixels($"The image is refused: {frame}.");

        IImageInfo? info;
        try
        {
            info = Image.Identify(Formats, bytes, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw RequestRejectedException.Unreadable($"The {format.Name} header cannot be read: {e.Message}");
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
            throw RequestRejectedException.Unreadable($"The {format.Name} header cannot be read.");

        long pixels = (long)info.Width * info.Height;
        long maxPixels = options.Value.MaxPixels;
        if (pixels > maxPixels)
            throw RequestRejectedException.TooManyPixels(
                $"The image is {info.Width}x{info.Height} ({pixels / 1e6:0.#} megapixels); the limit is {maxPixels / 1e6:0.#} megapixels.");

        if (FindTruncation(format, bytes) is { } problem)
            throw RequestRejectedException.Unreadable($"The {format.Name} image is unreadable: {problem}.");
        return new InspectedUpload(bytes, format, info.Width, info.Height, ExifOrientation(info));
    }

    /// <summary>
    /// Decodes to RGB with Skia (<see cref="SkiaImageDecoder"/>: a GIF's first frame only, a JPEG at the smallest
    /// reduced scale whose short side still reaches <paramref name="minShortSide"/>) and applies the header's EXIF
    /// orientation (<see cref="InspectedUpload.Orientation"/>).
    /// Transparent pixels are composited onto white, as the dataset images were, so a transparent PNG is seen as it is
    /// in the catalog.
    /// </summary>
    /// <param name="minShortSide">The model's <see cref="ImagePreprocessor.DecodeShortSide"/>; <see cref="int.MaxValue"/> decodes at full size.</param>
    public Image<Rgb24> Decode(InspectedUpload upload, int minShortSide)
    {
        try
        {
            return SkiaImageDecoder.DecodeRgbOnWhite(upload.Bytes, minShortSide, SkiaFormat(upload.Format), options.Value.MaxPixels,
                upload.Orientation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw RequestRejectedException.Unreadable($"The {upload.Format.Name} image cannot be decoded: {e.Message}");
        }
    }

    /// <summary>
    /// The EXIF orientation as ImageSharp reads it, from every format's EXIF (a PNG's eXIf chunk too, which Skia
    /// ignores), so uploads are turned upright as ImageSharp's AutoOrient turned them. Values outside 1-8 mean upright.
    /// </summary>
    private static SKEncodedOrigin ExifOrientation(IImageInfo info) =>
        info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value is ushort value and >= 1 and <= 8
            ? (SKEncodedOrigin)value
            : SKEncodedOrigin.TopLeft;

    private static SKEncodedImageFormat SkiaFormat(IImageFormat format) => format switch
    {
        _ when format == JpegFormat.Instance => SKEncodedImageFormat.Jpeg,
        _ when format == PngFormat.Instance => SKEncodedImageFormat.Png,
        _ when format == GifFormat.Instance => SKEncodedImageFormat.Gif,
        _ when format == WebpFormat.Instance => SKEncodedImageFormat.Webp,
        _ when format == BmpFormat.Instance => SKEncodedImageFormat.Bmp,
        _ => throw new InvalidOperationException($"No Skia format for {format.Name}."),
    };

    private static string? FindTruncation(IImageFormat format, byte[] bytes) => format switch
    {
        _ when format == GifFormat.Instance => GifStructure.Inspect(bytes).Unreadable,
        _ when format == JpegFormat.Instance => JpegStructure.FindProblem(bytes),
        _ when format == PngFormat.Instance => PngStructure.FindProblem(bytes),
        _ when format == WebpFormat.Instance => RiffStructure.FindProblem(bytes),
        _ when format == BmpFormat.Instance => BmpStructure.FindProblem(bytes),
        _ => throw new InvalidOperationException($"No structure check for {format.Name}."),
    };

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(), new PngConfigurationModule(), new GifConfigurationModule(),
            new BmpConfigurationModule(), new WebpConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}

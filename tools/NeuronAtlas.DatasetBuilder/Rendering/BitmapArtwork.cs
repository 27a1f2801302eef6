using NeuronAtlas.DatasetBuilder.Sources;
using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Rendering;

/// <summary>Emoji artwork that is a bitmap, e.g. a PNG glyph from a colour emoji font.</summary>
public sealed class BitmapArtwork : IEmojiArtwork
{
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);
    private readonly SKImage _image;

    private BitmapArtwork(SKImage image, SKRect contentBounds)
    {
        _image = image;
        ContentBounds = contentBounds;
    }

    public SKRect ContentBounds { get; }

    public static BitmapArtwork Decode(ReadOnlySpan<byte> encoded, string description)
    {
        using var decoded = SKBitmap.Decode(encoded)
            ?? throw new InvalidDataException($"{description}: the image cannot be decoded.");
        // Unpremultiplied input would be drawn with the wrong edge colours; normalise to premultiplied RGBA.
        var bitmap = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!decoded.CopyTo(bitmap, SKColorType.Rgba8888))
            throw new InvalidDataException($"{description}: cannot convert the image to RGBA.");
        var bounds = OpaqueContentBounds.Find(bitmap)
            ?? throw new InvalidDataException($"{description}: the image is fully transparent.");
        return new BitmapArtwork(SKImage.FromBitmap(bitmap), bounds);
    }

    public void Draw(SKCanvas canvas, SKRect source, SKRect target) =>
        canvas.DrawImage(_image, source, target, Sampling);

    public void Dispose() => _image.Dispose();
}

using NeuronAtlas.DatasetBuilder.Sources;
using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Rendering;

/// <summary>
/// Draws artwork centred on a white square, scaled so its content fills the square up to a margin,
/// so that every style shows an emoji at the same size. Encodes the result as JPEG.
/// </summary>
public sealed class SquareTileRenderer(int size, int jpegQuality, float marginFraction)
{
    public int Size => size;

    public byte[] RenderJpeg(IEmojiArtwork artwork)
    {
        using var bitmap = Render(artwork);
        return JpegEncoding.Encode(bitmap, jpegQuality);
    }

    public SKBitmap Render(IEmojiArtwork artwork)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        artwork.Draw(canvas, artwork.ContentBounds, FitCentered(artwork.ContentBounds));
        canvas.Flush();
        return bitmap;
    }

    private SKRect FitCentered(SKRect content)
    {
        var available = size * (1 - 2 * marginFraction);
        var scale = available / Math.Max(content.Width, content.Height);
        float width = content.Width * scale, height = content.Height * scale;
        float left = (size - width) / 2, top = (size - height) / 2;
        return new SKRect(left, top, left + width, top + height);
    }
}

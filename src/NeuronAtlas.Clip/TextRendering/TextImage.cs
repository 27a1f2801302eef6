using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>Draws a text block onto a plain sheet of paper as an image: a rendered word, in a <see cref="TextImageStyle"/>.</summary>
public static class TextImage
{
    /// <summary>An opaque Rgba8888 bitmap of the block drawn in the style; the caller disposes it.</summary>
    public static SKBitmap RenderBitmap(TextBlock block, int width, int height, TextImageStyle style)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var bitmap = SkiaImageConversion.NewBitmap(width, height, style.Paper);
        using (var canvas = new SKCanvas(bitmap))
            block.DrawRotated(canvas, style.CentreX * width, style.CentreY * height, style.RotationDegrees, style.Ink);
        PixelNoise.Add(bitmap, style.NoiseAmplitude, style.NoiseSeed);
        return bitmap;
    }

    public static Image<Rgb24> Render(TextBlock block, int width, int height, TextImageStyle style)
    {
        using var bitmap = RenderBitmap(block, width, height, style);
        return SkiaImageConversion.ToImage(bitmap);
    }
}

using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.DatasetBuilder.Rendering;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// Draws a <see cref="WordRenderPlan"/> as a square JPEG with the project's text renderer (TextBlock, TextImage):
/// the text is fitted into the square less a margin, on at most two lines, no larger than <see cref="MaxFontShare"/> of
/// the side, then scaled and shrunk until its tilted box fits. Thread-safe.
/// </summary>
public sealed class WordPainter(FontLibrary fonts, int size, int jpegQuality)
{
    public const float MarginShare = 0.06f;
    /// <summary>Short words would otherwise fill the whole square.</summary>
    public const float MaxFontShare = 0.4f;
    public const int MaxLines = 2;

    public int Size => size;

    public byte[] RenderJpeg(WordRenderPlan plan)
    {
        if (!fonts.FontsCovering(plan.Text).Contains(plan.Font))
            throw new ArgumentException($"{Path.GetFileName(fonts.Files[plan.Font])} has no glyph for some letter of \"{plan.Text}\".");
        float margin = size * MarginShare, box = size - 2 * margin;
        var fitted = TextBlock.Fit(plan.Text, fonts[plan.Font], box, box, MaxLines);
        var block = fitted.WithFontSize(Math.Min(fitted.FontSize, size * MaxFontShare) * plan.SizeShare);
        var (width, height) = block.RotatedExtent(plan.RotationDegrees);
        float shrink = Math.Min(1f, Math.Min(box / width, box / height));
        if (shrink < 1f)
        {
            block = block.WithFontSize(block.FontSize * shrink);
            (width, height) = block.RotatedExtent(plan.RotationDegrees);
        }
        float centreX = margin + width / 2 + Math.Max(0, box - width) * plan.PlaceX;
        float centreY = margin + height / 2 + Math.Max(0, box - height) * plan.PlaceY;
        var style = new TextImageStyle
        {
            Ink = plan.Ink,
            Paper = plan.Paper,
            CentreX = centreX / size,
            CentreY = centreY / size,
            RotationDegrees = plan.RotationDegrees,
            NoiseAmplitude = plan.NoiseAmplitude,
            NoiseSeed = plan.NoiseSeed,
        };
        using var bitmap = TextImage.RenderBitmap(block, size, size, style);
        return JpegEncoding.Encode(bitmap, jpegQuality);
    }
}

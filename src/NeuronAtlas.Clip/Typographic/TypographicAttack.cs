using NeuronAtlas.Clip.TextRendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Clip.Typographic;

/// <summary>Draws a <see cref="TypographicLabel"/> onto an image (a typographic attack). Thread-safe.</summary>
public sealed class TypographicAttack(FontLibrary fonts)
{
    /// <summary>A copy of <paramref name="image"/> with the label drawn on it; the original is not changed.</summary>
    public Image<Rgb24> Render(Image<Rgb24> image, TypographicLabel label)
    {
        if (label.Text.Trim().Length == 0) throw new ArgumentException("A typographic label needs text.");
        if (label.Font < 0 || label.Font >= fonts.Count) throw new ArgumentOutOfRangeException(nameof(label), $"Font {label.Font} is not among the {fonts.Count} fonts.");
        if (label.Size <= 0 || label.Opacity < 0 || label.Opacity > 1) throw new ArgumentOutOfRangeException(nameof(label), "Size must be positive and opacity between 0 and 1.");
        if (!fonts.FontsCovering(label.Text).Contains(label.Font))
            throw new ArgumentException($"Font {label.Font} ({Path.GetFileName(fonts.Files[label.Font])}) cannot draw \"{label.Text}\".");

        using var bitmap = SkiaImageConversion.ToBitmap(image);
        using (var canvas = new SKCanvas(bitmap))
        {
            float fontSize = label.Size * Math.Min(image.Width, image.Height);
            var block = TextBlock.SingleLine(label.Text.Trim(), fonts[label.Font], fontSize);
            float left = label.X * image.Width - block.Width / 2, top = label.Y * image.Height - block.Height / 2;
            byte alpha = (byte)Math.Round(label.Opacity * 255);
            if (label.Background is { } box)
            {
                float pad = fontSize * 0.25f;
                using var paint = new SKPaint { Color = new SKColor(box.R, box.G, box.B, alpha), IsAntialias = true };
                canvas.DrawRect(left - pad, top - pad, block.Width + 2 * pad, block.Height + 2 * pad, paint);
            }
            block.Draw(canvas, left, top, new SKColor(label.Colour.R, label.Colour.G, label.Colour.B, alpha));
        }
        return SkiaImageConversion.ToImage(bitmap);
    }

    /// <summary>The share of pixels whose colour differs between two images of the same size.</summary>
    public static double ChangedPixelShare(Image<Rgb24> before, Image<Rgb24> after)
    {
        if (before.Width != after.Width || before.Height != after.Height) throw new ArgumentException("The images differ in size.");
        var a = new Rgb24[before.Width * before.Height];
        var b = new Rgb24[a.Length];
        before.CopyPixelDataTo(a);
        after.CopyPixelDataTo(b);
        int changed = 0;
        for (int i = 0; i < a.Length; i++) if (!a[i].Equals(b[i])) changed++;
        return changed / (double)a.Length;
    }
}

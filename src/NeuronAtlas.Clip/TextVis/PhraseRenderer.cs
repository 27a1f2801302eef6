using System.Text;
using NeuronAtlas.Clip.TextRendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>
/// Draws a phrase as a square image, in one of several deterministic variants. Variant 0 is black text on white, as
/// large as fits, centred. Other variants pick a light background, dark ink, a smaller size (45-100% of the largest)
/// and a random position, seeded by the phrase and the variant. Fonts rotate across variants among those that have
/// glyphs for the whole phrase. Thread-safe.
/// </summary>
public sealed class PhraseRenderer(FontLibrary fonts, int size)
{
    /// <summary>Bumped whenever the drawing changes, so unfinished runs with the old drawing are not resumed.</summary>
    public const int StyleVersion = 1;
    private const float MarginShare = 0.06f;
    /// <summary>Short words would otherwise fill the whole frame.</summary>
    private const float MaxFontShare = 0.4f;

    public int Size => size;

    public Image<Rgb24> Render(string phrase, int variant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        var covering = fonts.FontsCovering(phrase);
        if (covering.Count == 0)
            throw new ArgumentException($"No font in the font folder has glyphs for every character of \"{phrase}\".");
        ulong hash = StableHash(phrase);
        var rng = new Random(unchecked((int)(hash ^ (hash >> 32)) ^ (variant * 0x2F0B3D)));
        var typeface = fonts[covering[(int)((hash + (ulong)variant) % (ulong)covering.Count)]];

        float margin = size * MarginShare, box = size - 2 * margin;
        var block = TextBlock.Fit(phrase, typeface, box, box);
        float fontSize = Math.Min(block.FontSize, size * MaxFontShare) * (variant == 0 ? 1f : 0.45f + 0.55f * rng.NextSingle());
        block = block.WithFontSize(fontSize);
        var (background, ink) = variant == 0 ? (SKColors.White, SKColors.Black) : (LightColour(rng), DarkColour(rng));
        float left = margin + Math.Max(0, box - block.Width) * (variant == 0 ? 0.5f : rng.NextSingle());
        float top = margin + Math.Max(0, box - block.Height) * (variant == 0 ? 0.5f : rng.NextSingle());

        using var bitmap = SkiaImageConversion.NewBitmap(size, size, background);
        using (var canvas = new SKCanvas(bitmap)) block.Draw(canvas, left, top, ink);
        return SkiaImageConversion.ToImage(bitmap);
    }

    private static SKColor LightColour(Random rng) => new((byte)rng.Next(215, 256), (byte)rng.Next(215, 256), (byte)rng.Next(215, 256));

    private static SKColor DarkColour(Random rng) => new((byte)rng.Next(0, 80), (byte)rng.Next(0, 80), (byte)rng.Next(0, 80));

    /// <summary>FNV-1a over UTF-8: unlike string.GetHashCode, the same in every process.</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}

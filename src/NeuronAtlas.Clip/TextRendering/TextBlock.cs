using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>Text laid out in one or more centred lines at a font size; measured and drawn with SkiaSharp.</summary>
public sealed class TextBlock
{
    private const float LineSpacing = 1.15f;

    public IReadOnlyList<string> Lines { get; }
    public SKTypeface Typeface { get; }
    public float FontSize { get; }
    public float Width { get; }
    public float Height { get; }
    /// <summary>From the top of the block to the first baseline.</summary>
    public float Ascent { get; }

    private TextBlock(IReadOnlyList<string> lines, SKTypeface typeface, float fontSize)
    {
        Lines = lines;
        Typeface = typeface;
        FontSize = fontSize;
        using var font = new SKFont(typeface, fontSize);
        Width = lines.Max(l => font.MeasureText(l));
        Ascent = -font.Metrics.Ascent;
        Height = Ascent + font.Metrics.Descent + fontSize * LineSpacing * (lines.Count - 1);
    }

    public static TextBlock SingleLine(string text, SKTypeface typeface, float fontSize) => new([text], typeface, fontSize);

    /// <summary>The largest block that fits a width x height box, breaking between words into at most <paramref name="maxLines"/> lines.</summary>
    public static TextBlock Fit(string text, SKTypeface typeface, float width, float height, int maxLines = 3)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new ArgumentException("Cannot lay out empty text.");
        TextBlock? best = null;
        for (int lines = 1; lines <= Math.Min(maxLines, words.Length); lines++)
        {
            var probe = new TextBlock(Wrap(words, lines), typeface, 100f);
            float size = 100f * Math.Min(width / Math.Max(1e-3f, probe.Width), height / Math.Max(1e-3f, probe.Height));
            if (best is null || size > best.FontSize * 1.0001f) best = new TextBlock(probe.Lines, typeface, size);
        }
        return best!;
    }

    public TextBlock WithFontSize(float fontSize) => new(Lines, Typeface, fontSize);

    /// <summary>Draws the block with its top-left corner at (left, top), each line centred in the block's width.</summary>
    public void Draw(SKCanvas canvas, float left, float top, SKColor colour)
    {
        using var font = new SKFont(Typeface, FontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        for (int i = 0; i < Lines.Count; i++)
        {
            float baseline = top + Ascent + FontSize * LineSpacing * i;
            canvas.DrawText(Lines[i], left + Width / 2, baseline, SKTextAlign.Center, font, paint);
        }
    }

    /// <summary>
    /// Draws the block rotated by <paramref name="degrees"/> (clockwise on screen) about its centre, with the centre at
    /// (centreX, centreY). At 0 degrees this is <see cref="Draw"/> with the block centred on that point.
    /// </summary>
    public void DrawRotated(SKCanvas canvas, float centreX, float centreY, float degrees, SKColor colour)
    {
        canvas.Save();
        canvas.Translate(centreX, centreY);
        canvas.RotateDegrees(degrees);
        Draw(canvas, -Width / 2, -Height / 2, colour);
        canvas.Restore();
    }

    /// <summary>Width and height of the box that holds the block's layout box rotated by <paramref name="degrees"/>.</summary>
    public (float Width, float Height) RotatedExtent(float degrees)
    {
        double radians = degrees * Math.PI / 180, cos = Math.Abs(Math.Cos(radians)), sin = Math.Abs(Math.Sin(radians));
        return ((float)(Width * cos + Height * sin), (float)(Width * sin + Height * cos));
    }

    /// <summary>Splits words into at most <paramref name="lines"/> lines, breaking when a line would pass the mean line length.</summary>
    private static List<string> Wrap(string[] words, int lines)
    {
        double target = (words.Sum(w => w.Length) + words.Length - 1) / (double)lines;
        var result = new List<string>();
        var current = new List<string>();
        foreach (var word in words)
        {
            int currentLength = current.Sum(w => w.Length) + current.Count - 1;
            if (current.Count > 0 && result.Count < lines - 1 && currentLength + 1 + word.Length > target)
            {
                result.Add(string.Join(' ', current));
                current.Clear();
            }
            current.Add(word);
        }
        result.Add(string.Join(' ', current));
        return result;
    }
}

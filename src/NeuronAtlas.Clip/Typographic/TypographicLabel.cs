using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Clip.Typographic;

/// <summary>Text to draw onto an image for a typographic attack, and how.</summary>
public sealed record TypographicLabel
{
    public required string Text { get; init; }
    /// <summary>Horizontal centre of the text, as a share of the image width. Defaults to 0.5.</summary>
    public float X { get; init; } = 0.5f;
    /// <summary>Vertical centre of the text, as a share of the image height. Defaults to 0.75.</summary>
    public float Y { get; init; } = 0.75f;
    /// <summary>Font size as a share of the image's shorter side. Defaults to 0.12.</summary>
    public float Size { get; init; } = 0.12f;
    /// <summary>Ink colour. Defaults to black.</summary>
    public Rgb24 Colour { get; init; } = new(0, 0, 0);
    /// <summary>A label-like box behind the text, or null for text alone. Defaults to white.</summary>
    public Rgb24? Background { get; init; } = new Rgb24(255, 255, 255);
    /// <summary>Opacity of text and box, 0 to 1. Defaults to 1.</summary>
    public float Opacity { get; init; } = 1f;
    /// <summary>Index into the font library (data/fonts, file-name order). Defaults to 0.</summary>
    public int Font { get; init; }
}

using System.Globalization;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Web.Problems;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Clip;

/// <summary>Reads a <see cref="TypographicLabel"/> from named text values (form fields or query parameters); what is left out keeps its default.</summary>
public static class TypographicLabelReader
{
    /// <param name="value">The value of a field by name, or null when it is absent.</param>
    /// <exception cref="RequestRejectedException">400 naming the field that is not a number or a colour.</exception>
    public static TypographicLabel Read(Func<string, string?> value)
    {
        var label = new TypographicLabel { Text = value("text") ?? "" };
        return label with
        {
            X = Number(value, "x") ?? label.X,
            Y = Number(value, "y") ?? label.Y,
            Size = Number(value, "size") ?? label.Size,
            Opacity = Number(value, "opacity") ?? label.Opacity,
            Colour = value("colour") is { } colour ? Colour(colour, "colour") : label.Colour,
            Background = value("background") is { } background
                ? background.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : Colour(background, "background")
                : label.Background,
            Font = value("font") is { } font
                ? int.TryParse(font, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : throw Invalid("font", font, "a font index")
                : label.Font,
        };
    }

    /// <summary>"#rrggbb" or "rrggbb".</summary>
    public static Rgb24 Colour(string text, string field)
    {
        var hex = text.Trim().TrimStart('#');
        if (hex.Length != 6 || !uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint rgb))
            throw Invalid(field, text, "a colour such as #ff0000");
        return new Rgb24((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    public static string Hex(Rgb24 colour) => $"#{colour.R:x2}{colour.G:x2}{colour.B:x2}";

    private static float? Number(Func<string, string?> value, string field) => value(field) is not { } text ? null
        : float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float number) && float.IsFinite(number) ? number
        : throw Invalid(field, text, "a number");

    private static RequestRejectedException Invalid(string field, string text, string what) =>
        RequestRejectedException.Invalid($"{field} must be {what} (got \"{text}\").");
}

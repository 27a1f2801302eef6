using System.Globalization;
using System.Text;

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>One emoji as a sequence of Unicode code points.</summary>
public sealed record EmojiSequence(IReadOnlyList<int> CodePoints)
{
    public const int VariationSelector16 = 0xFE0F;

    /// <summary>
    /// The stable concept id: the code points as lowercase hex, at least four digits, joined by '-'
    /// (e.g. "1f577", "2764-fe0f-200d-1f525").
    /// </summary>
    public string Id => string.Join('-', CodePoints.Select(cp => cp.ToString("x4", CultureInfo.InvariantCulture)));

    /// <summary>
    /// The key under which artwork files of any source are matched: without U+FE0F and without
    /// zero padding, because Twemoji drops both and OpenMoji keeps them.
    /// </summary>
    public string MatchKey => string.Join('-', CodePoints
        .Where(cp => cp != VariationSelector16)
        .Select(cp => cp.ToString("x", CultureInfo.InvariantCulture)));

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            foreach (var cp in CodePoints) text.Append(char.ConvertFromUtf32(cp));
            return text.ToString();
        }
    }

    /// <summary>Parses hex code points separated by spaces or '-' ("1F600", "1f469-200d-1f4bb").</summary>
    public static bool TryParse(string hex, out EmojiSequence sequence)
    {
        sequence = new EmojiSequence([]);
        var parts = hex.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return false;
        var codePoints = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
                return false;
            codePoints[i] = cp;
        }
        sequence = new EmojiSequence(codePoints);
        return true;
    }

    public static EmojiSequence FromText(string text)
    {
        var codePoints = new List<int>();
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            codePoints.Add(char.ConvertToUtf32(text, i));
        return new EmojiSequence(codePoints);
    }

    public bool Equals(EmojiSequence? other) => other is not null && CodePoints.SequenceEqual(other.CodePoints);

    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);
}

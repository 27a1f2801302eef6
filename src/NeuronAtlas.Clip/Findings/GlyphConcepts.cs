namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// The rule for glyph-like concepts: emoji that are themselves written symbols, so that a unit firing for their picture
/// and their word may be reading in both cases rather than linking a picture to a word. The census reports them apart.
/// A concept is glyph-like when its emoji subgroup is one of <see cref="Subgroups"/> (letters, digits, signs, marks),
/// or its label is one of <see cref="Labels"/> (emoji of other subgroups that draw letters or digits).
/// </summary>
public static class GlyphConcepts
{
    public static IReadOnlySet<string> Subgroups { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "zodiac", "alphanum", "av-symbol", "religion", "keycap", "punctuation", "math", "currency", "gender", "other-symbol",
    };

    public static IReadOnlySet<string> Labels { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ZZZ", "hundred points",
    };

    public static bool IsGlyphLike(string label, string subgroup) => Subgroups.Contains(subgroup) || Labels.Contains(label);

    /// <summary>The rule in words, for the findings page and docs/findings.md.</summary>
    public static string Description =>
        $"emoji subgroups {string.Join(", ", Subgroups.Order(StringComparer.Ordinal))}, and the labels {string.Join(", ", Labels.Order(StringComparer.Ordinal))}";
}

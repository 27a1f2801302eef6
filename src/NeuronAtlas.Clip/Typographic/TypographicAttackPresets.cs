namespace NeuronAtlas.Clip.Typographic;

/// <summary>The attacks of the Distill article's table (target class and the text drawn), as ready-made labels.</summary>
public static class TypographicAttackPresets
{
    /// <summary>(zero-shot class the attack aims for, text drawn).</summary>
    public static IReadOnlyList<(string Class, string Text)> ArticlePairs { get; } =
    [
        ("trash can", "trash"),
        ("iPod", "iPod"),
        ("pizza", "pizza"),
        ("rifle", "rifle"),
        ("radio", "radio"),
        ("library", "library"),
        ("great white shark", "shark"),
        ("Siamese cat", "meow"),
        ("piggy bank", "$$$"),
    ];

    /// <summary>One label per distinct text of <see cref="ArticlePairs"/>, black on a white box, low in the image.</summary>
    public static IReadOnlyDictionary<string, TypographicLabel> Labels { get; } =
        ArticlePairs.ToDictionary(p => p.Text, p => new TypographicLabel { Text = p.Text }, StringComparer.OrdinalIgnoreCase);

    public static TypographicLabel Get(string text) =>
        Labels.TryGetValue(text, out var label) ? label
        : throw new KeyNotFoundException($"No typographic preset '{text}'. Presets: {string.Join(", ", Labels.Keys)}.");
}

namespace NeuronAtlas.Clip.ZeroShot;

/// <summary>
/// Sentences with a "{}" slot for the label. A label's text embedding is the normalized mean of its unit-length
/// embeddings over every template (CLIP's prompt ensembling).
/// </summary>
public sealed record PromptTemplates
{
    public const string Slot = "{}";

    public IReadOnlyList<string> Templates { get; }

    public PromptTemplates(IEnumerable<string> templates)
    {
        Templates = templates.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (Templates.Count == 0) throw new ArgumentException("At least one prompt template is needed.");
        if (Templates.FirstOrDefault(t => !t.Contains(Slot)) is { } bad)
            throw new ArgumentException($"The prompt template \"{bad}\" has no \"{Slot}\" slot for the label.");
    }

    /// <summary>Everyday photo and drawing phrasings, since the atlas's images are photos, drawings and emoji.</summary>
    public static PromptTemplates Default { get; } = new(
    [
        "a photo of a {}.",
        "a blurry photo of a {}.",
        "a close-up photo of a {}.",
        "a photo of the small {}.",
        "a photo of the large {}.",
        "a drawing of a {}.",
        "a cartoon of a {}.",
        "an emoji of a {}.",
        "an icon of a {}.",
        "a picture of a {}.",
    ]);

    /// <summary>Only "{}": the label's own embedding.</summary>
    public static PromptTemplates LabelOnly { get; } = new([Slot]);

    /// <summary>A file with one template per line; blank lines and lines starting with '#' are ignored.</summary>
    public static PromptTemplates FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Prompt templates not found: {path}", path);
        return new PromptTemplates(File.ReadLines(path).Where(l => !l.TrimStart().StartsWith('#')));
    }

    public IEnumerable<string> Fill(string label) => Templates.Select(t => t.Replace(Slot, label, StringComparison.Ordinal));
}

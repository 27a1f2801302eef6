using NeuronAtlas.Clip.TextRendering;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>The phrases text feature visualization renders: one per line, '#' starts a comment line, duplicates dropped.</summary>
public sealed class TextVisVocabulary
{
    public IReadOnlyList<string> Phrases { get; }

    public TextVisVocabulary(IEnumerable<string> phrases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Phrases = phrases.Select(p => string.Join(' ', p.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0 && seen.Add(p)).ToList();
        if (Phrases.Count == 0) throw new ArgumentException("The vocabulary holds no phrases.");
        if (Phrases.FirstOrDefault(p => p.Contains('\n') || p.Contains('\r') || p.Contains('\t')) is { } bad)
            throw new ArgumentException($"The phrase \"{bad}\" holds a line break or tab.");
    }

    public static TextVisVocabulary FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Vocabulary not found: {path}", path);
        return new TextVisVocabulary(File.ReadLines(path).Where(l => !l.TrimStart().StartsWith('#')));
    }

    /// <summary>data/text-vis/vocabulary.txt.</summary>
    public static string ShippedPath(string repoRoot) => Path.Combine(repoRoot, "data", "text-vis", "vocabulary.txt");

    /// <summary>Throws, listing them, when some phrases have characters no font can draw.</summary>
    public void RequireGlyphs(FontLibrary fonts)
    {
        var missing = Phrases.Where(p => fonts.FontsCovering(p).Count == 0).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{missing.Count} phrases have characters that none of the fonts can draw: {string.Join(", ", missing.Take(20).Select(p => $"\"{p}\""))}" +
                (missing.Count > 20 ? ", ..." : "") + ". Remove them or add a font that has them.");
    }
}

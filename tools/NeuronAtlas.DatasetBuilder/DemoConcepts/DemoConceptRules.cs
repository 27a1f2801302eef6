using System.Text.RegularExpressions;

namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>
/// Which emoji concepts a small CLIP trained on 2 cores can tell apart by name (issue 8's spike): short
/// labels of plain words, drawn in every style, and no people variants that differ only in "man"/"woman".
/// </summary>
public static partial class DemoConceptRules
{
    /// <summary>The styles a demo concept must be drawn in: three are trained on, openmoji-line is held out.</summary>
    public static readonly IReadOnlyList<string> RequiredStyles = ["noto", "twemoji", "openmoji-color", "openmoji-line"];

    /// <summary>Words that mark a people variant ("man cook", "woman cook", "person cook").</summary>
    public static readonly IReadOnlySet<string> PeopleVariantWords =
        new HashSet<string>(["man", "woman", "person", "men", "women", "people"], StringComparer.Ordinal);

    /// <summary>Words of this length or shorter may be shared between labels ("on", "of").</summary>
    public const int ShareableWordLength = 2;

    public const int MaxWords = 2;

    /// <summary>Why a concept cannot be a demo concept, or null when it can (shared words aside: see <see cref="SignificantWords"/>).</summary>
    public static string? Rejection(ConceptRow concept)
    {
        if (!LettersSpacesHyphens().IsMatch(concept.Label)) return "not letters, single spaces and hyphens only";
        if (Words(concept.Label).Count > MaxWords) return $"more than {MaxWords} words";
        if (Words(concept.Label).Any(PeopleVariantWords.Contains)) return "a man/woman/person variant";
        var missing = RequiredStyles.Where(s => !concept.Styles.Contains(s)).ToList();
        if (missing.Count > 0) return $"not drawn in {string.Join(", ", missing)}";
        return null;
    }

    /// <summary>
    /// The label's lower-case words split at spaces and hyphens, longer than <see cref="ShareableWordLength"/> letters,
    /// with a final "s" dropped so that a plural and its singular ("house", "houses") count as one word:
    /// no two demo labels may share one.
    /// </summary>
    public static IReadOnlySet<string> SignificantWords(string label) =>
        label.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > ShareableWordLength)
            .Select(w => w.EndsWith('s') ? w[..^1] : w)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Space-separated words, lower-cased (a hyphenated word such as "T-Rex" counts as one).</summary>
    public static IReadOnlyList<string> Words(string label) =>
        label.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("^[A-Za-z]+(-[A-Za-z]+)*( [A-Za-z]+(-[A-Za-z]+)*)*$")]
    private static partial Regex LettersSpacesHyphens();
}

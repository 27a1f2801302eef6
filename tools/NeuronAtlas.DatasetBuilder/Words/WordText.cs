namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>The strings rendered for a concept: its label in a letter case, and the rarer word of a two-word label.</summary>
public static class WordText
{
    /// <summary>Words of this length or shorter are never a label's rarer word ("of", "on").</summary>
    public const int MinRareWordLength = 3;

    public static string InCase(string text, LetterCase letterCase) => letterCase switch
    {
        LetterCase.Lower => text.ToLowerInvariant(),
        LetterCase.Upper => text.ToUpperInvariant(),
        LetterCase.Title => string.Join(' ', text.ToLowerInvariant().Split(' ').Select(Capitalized)),
        LetterCase.Sentence => Capitalized(text.ToLowerInvariant()),
        _ => throw new ArgumentOutOfRangeException(nameof(letterCase)),
    };

    /// <summary>How many labels each lower-case word appears in.</summary>
    public static IReadOnlyDictionary<string, int> LabelsPerWord(IEnumerable<string> labels) =>
        labels.SelectMany(l => Words(l).Distinct())
            .GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// Of a label of two or more words, the word (lower case, at least <see cref="MinRareWordLength"/> letters) found in the
    /// fewest labels; ties go to the longer word, then the later one. Null for a one-word label.
    /// </summary>
    public static string? RarerWord(string label, IReadOnlyDictionary<string, int> labelsPerWord)
    {
        var words = Words(label);
        if (words.Count < 2) return null;
        return words
            .Select((word, position) => (word, position))
            .Where(w => w.word.Length >= MinRareWordLength)
            .OrderBy(w => labelsPerWord.GetValueOrDefault(w.word))
            .ThenByDescending(w => w.word.Length)
            .ThenByDescending(w => w.position)
            .Select(w => w.word)
            .FirstOrDefault();
    }

    private static List<string> Words(string label) => label.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}

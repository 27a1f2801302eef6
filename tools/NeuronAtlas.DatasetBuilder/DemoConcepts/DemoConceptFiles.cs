namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>
/// The demo CLIP's concept list files in its model folder: concepts.txt (the class order) and
/// unseen-words.txt, one label per line, both in concept id order (the emoji dataset's order).
/// </summary>
public static class DemoConceptFiles
{
    public const string ConceptsFile = "concepts.txt";
    public const string UnseenWordsFile = "unseen-words.txt";

    public static void Write(string modelDirectory, IReadOnlyList<ConceptRow> selection, IReadOnlyList<ConceptRow> unseen)
    {
        Directory.CreateDirectory(modelDirectory);
        File.WriteAllText(Path.Combine(modelDirectory, ConceptsFile), Lines(selection));
        File.WriteAllText(Path.Combine(modelDirectory, UnseenWordsFile), Lines(unseen));
    }

    /// <summary>Labels of a list file, in file order; blank lines are ignored.</summary>
    public static IReadOnlyList<string> Read(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).ToList();

    private static string Lines(IEnumerable<ConceptRow> concepts) =>
        string.Concat(concepts.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Label + "\n"));
}

using NeuronAtlas.Core.Datasets;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// A model's concepts (concepts.txt, one emoji label per line, in class order) joined with the emoji dataset's
/// concepts.csv for their group and subgroup, and unseen-words.txt for the words never trained on.
/// </summary>
public sealed class ConceptSet
{
    private readonly Dictionary<string, int> _index;

    public IReadOnlyList<Concept> Concepts { get; }
    public int Count => Concepts.Count;

    public ConceptSet(IReadOnlyList<Concept> concepts)
    {
        Concepts = concepts;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in concepts)
            if (!_index.TryAdd(c.Label, c.Index)) throw new InvalidDataException($"The concept '{c.Label}' is listed twice.");
        if (concepts.Select((c, i) => c.Index != i).Any(x => x)) throw new ArgumentException("Concept indices must be 0..n-1 in order.");
        if (concepts.Count < 2) throw new InvalidDataException("A concept set needs at least two concepts.");
    }

    /// <summary>The concept's index, or -1 when the label is not in the set.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int i) ? i : -1;

    public IReadOnlyList<string> Labels => Concepts.Select(c => c.Label).ToList();

    /// <param name="conceptsTxt">The model's concepts.txt.</param>
    /// <param name="conceptsCsv">data/datasets/emoji/concepts.csv (concept,label,emoji,group,subgroup,...).</param>
    /// <param name="unseenWordsTxt">The model's unseen-words.txt, or null when it has none.</param>
    public static ConceptSet Load(string conceptsTxt, string conceptsCsv, string? unseenWordsTxt)
    {
        if (!File.Exists(conceptsTxt)) throw new FileNotFoundException($"Concept list not found: {conceptsTxt}", conceptsTxt);
        var labels = ReadLines(conceptsTxt);
        var unseen = unseenWordsTxt is not null && File.Exists(unseenWordsTxt)
            ? new HashSet<string>(ReadLines(unseenWordsTxt), StringComparer.Ordinal)
            : [];
        var groups = ReadGroups(conceptsCsv);
        var missing = labels.Where(l => !groups.ContainsKey(l)).Take(5).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"{conceptsTxt} names labels that {conceptsCsv} lacks, e.g. {string.Join(", ", missing)}.");
        var strayUnseen = unseen.Where(u => !labels.Contains(u)).Take(5).ToList();
        if (strayUnseen.Count > 0) throw new InvalidDataException($"{unseenWordsTxt} names labels that are not concepts, e.g. {string.Join(", ", strayUnseen)}.");
        return new ConceptSet(labels.Select((l, i) =>
        {
            var (group, subgroup) = groups[l];
            return new Concept(i, l, group, subgroup, unseen.Contains(l), GlyphConcepts.IsGlyphLike(l, subgroup));
        }).ToList());
    }

    private static List<string> ReadLines(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static Dictionary<string, (string Group, string Subgroup)> ReadGroups(string conceptsCsv)
    {
        if (!File.Exists(conceptsCsv)) throw new FileNotFoundException($"Emoji concepts not found: {conceptsCsv}", conceptsCsv);
        using var reader = new StreamReader(conceptsCsv);
        var rows = CsvReader.ReadRows(reader).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"{conceptsCsv} is empty.");
        int label = Array.IndexOf(rows[0], "label"), group = Array.IndexOf(rows[0], "group"), subgroup = Array.IndexOf(rows[0], "subgroup");
        if (label < 0 || group < 0 || subgroup < 0) throw new InvalidDataException($"{conceptsCsv} needs the columns label, group and subgroup.");
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1).Where(r => r.Length > Math.Max(label, Math.Max(group, subgroup))))
            result.TryAdd(row[label], (row[group], row[subgroup]));
        return result;
    }
}

using NeuronAtlas.DatasetBuilder.Output;

namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>Reads a built dataset's concepts.csv (concept,label,emoji,group,subgroup,keywords,styles).</summary>
public static class ConceptTable
{
    public static IReadOnlyList<ConceptRow> Read(string conceptsCsv)
    {
        var rows = CsvFormat.Parse(File.ReadAllText(conceptsCsv));
        if (rows.Count == 0) throw new InvalidDataException($"{conceptsCsv} is empty.");
        var header = rows[0];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{conceptsCsv} lacks the column '{name}'.");
        int id = Column("concept"), label = Column("label"), group = Column("group"), subgroup = Column("subgroup"), styles = Column("styles");
        return rows.Skip(1)
            .Where(r => r.Length == header.Length)
            .Select(r => new ConceptRow(r[id], r[label], r[group], r[subgroup],
                r[styles].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
    }
}

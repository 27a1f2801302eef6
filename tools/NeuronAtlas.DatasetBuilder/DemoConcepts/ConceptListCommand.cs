namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>The `concepts` command: chooses the demo concepts and writes concepts.txt and unseen-words.txt.</summary>
public static class ConceptListCommand
{
    public static void Run(ConceptListOptions options, TextWriter log)
    {
        var table = ConceptTable.Read(Path.Combine(options.EmojiDataset, "concepts.csv"));
        var selection = DemoConceptSelector.Select(table, options.Count);
        var unseen = DemoConceptSelector.UnseenWords(selection);
        DemoConceptFiles.Write(options.ModelDirectory, selection, unseen);

        int eligible = table.Count(c => DemoConceptRules.Rejection(c) is null);
        log.WriteLine($"{selection.Count} of {table.Count} concepts ({eligible} pass the label and style rules), {unseen.Count} with unseen words, written to {options.ModelDirectory}");
        foreach (var group in selection.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            log.WriteLine($"  {group.Key,-20} {group.Count(),4} concepts in {group.Select(c => c.Subgroup).Distinct().Count(),3} subgroups, {group.Count(unseen.Contains),3} unseen words");
    }
}

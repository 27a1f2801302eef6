namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>
/// Chooses the demo CLIP's concepts deterministically: the concepts <see cref="DemoConceptRules"/> accept,
/// taken in turn from each emoji group (groups in ordinal name order) and, within a group, in turn from each
/// subgroup (one-word labels first, then by concept id), skipping any label that shares a significant word with
/// one already taken. Every group and most subgroups get members, so concept families and probes have classes.
/// </summary>
public static class DemoConceptSelector
{
    public const int DefaultCount = 300;

    /// <summary>Every <see cref="UnseenWordPeriod"/>th concept in selection order (from the third) never has its words rendered into training data.</summary>
    public const int UnseenWordPeriod = 5;

    /// <summary>The chosen concepts in selection order (round-robin over groups).</summary>
    public static IReadOnlyList<ConceptRow> Select(IReadOnlyList<ConceptRow> table, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var queues = table
            .Where(c => DemoConceptRules.Rejection(c) is null)
            .GroupBy(c => c.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<ConceptRow>(InterleaveSubgroups(g)))
            .ToList();

        var chosen = new List<ConceptRow>();
        var usedWords = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < count && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues)
            {
                if (chosen.Count == count) break;
                while (queue.TryDequeue(out var candidate))
                {
                    var words = DemoConceptRules.SignificantWords(candidate.Label);
                    if (words.Overlaps(usedWords)) continue;
                    usedWords.UnionWith(words);
                    chosen.Add(candidate);
                    break;
                }
            }
        }
        if (chosen.Count < count)
            throw new InvalidOperationException($"Only {chosen.Count} concepts pass the rules; {count} were asked for.");
        return chosen;
    }

    /// <summary>The concepts whose words are held out of training: every <see cref="UnseenWordPeriod"/>th in selection order, starting with the third.</summary>
    public static IReadOnlyList<ConceptRow> UnseenWords(IReadOnlyList<ConceptRow> selection) =>
        selection.Where((_, i) => i % UnseenWordPeriod == 2).ToList();

    /// <summary>A group's concepts, one from each subgroup in turn (subgroups in ordinal order).</summary>
    private static IEnumerable<ConceptRow> InterleaveSubgroups(IEnumerable<ConceptRow> group)
    {
        var subgroups = group
            .GroupBy(c => c.Subgroup)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => DemoConceptRules.Words(c.Label).Count).ThenBy(c => c.Id, StringComparer.Ordinal).ToList())
            .ToList();
        for (int rank = 0; rank < subgroups.Max(s => s.Count); rank++)
            foreach (var subgroup in subgroups)
                if (rank < subgroup.Count)
                    yield return subgroup[rank];
    }
}

using NeuronAtlas.DatasetBuilder.Output;
using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>
/// Chooses the emoji that go into the dataset: whole emoji (no lone components, no skin tone
/// variants, which would repeat one drawing five times) that at least <see cref="MinimumStyles"/>
/// styles draw distinguishably, so that every concept is seen several ways.
/// </summary>
public static class ConceptSelector
{
    public const int MinimumStyles = 3;

    /// <summary>Emoji that at least <see cref="MinimumStyles"/> styles have artwork for, in Unicode order.</summary>
    public static IReadOnlyList<DatasetConcept> Candidates(
        IReadOnlyList<EmojiEntry> entries, IReadOnlyList<IEmojiArtSource> styles, CldrKeywords keywords)
    {
        if (styles.Count < MinimumStyles)
            throw new ArgumentException($"At least {MinimumStyles} styles are needed, got {styles.Count}: {string.Join(", ", styles.Select(s => s.Style))}.");
        return entries
            .Where(e => !e.IsComponent && !e.HasSkinTone)
            .DistinctBy(e => e.Sequence.Id)
            .Select(e => new DatasetConcept(e, keywords.For(e.Sequence), styles.Where(s => s.Has(e.Sequence)).ToList()))
            .Where(c => c.Styles.Count >= MinimumStyles)
            .ToList();
    }

    /// <summary>
    /// Drops every image that looks exactly like another concept's image in the same style (OpenMoji
    /// line art draws every country flag as the same empty rectangle and every coloured heart alike),
    /// then the concepts left with fewer than <see cref="MinimumStyles"/> styles.
    /// </summary>
    /// <param name="maxConcepts">When set, keeps this many concepts spread evenly over the Unicode order,
    /// so that every emoji group stays represented.</param>
    /// <returns>The concepts (sorted by id), their images (sorted by file), and the dropped image count per style.</returns>
    public static (IReadOnlyList<DatasetConcept> Concepts, IReadOnlyList<DatasetImage> Images, IReadOnlyDictionary<string, int> Indistinct)
        KeepDistinct(IReadOnlyList<DatasetConcept> candidates, IReadOnlyList<DatasetImage> images, int? maxConcepts)
    {
        var indistinct = images
            .GroupBy(i => (i.Style, Hash: Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(i.Jpeg))))
            .Where(g => g.Select(i => i.Concept).Distinct().Count() > 1)
            .SelectMany(g => g)
            .ToHashSet();
        var distinct = images.Where(i => !indistinct.Contains(i)).ToList();
        var stylesByConcept = distinct.GroupBy(i => i.Concept)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Style).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var concepts = candidates
            .Select(c => c with { Styles = c.Styles.Where(s => stylesByConcept.GetValueOrDefault(c.Id)?.Contains(s.Style) == true).ToList() })
            .Where(c => c.Styles.Count >= MinimumStyles)
            .ToList();
        if (maxConcepts is { } max && max < concepts.Count)
            concepts = Enumerable.Range(0, max).Select(i => concepts[(int)((long)i * concepts.Count / max)]).ToList();

        var kept = concepts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var keptImages = distinct
            .Where(i => kept.TryGetValue(i.Concept, out var c) && c.Styles.Any(s => s.Style == i.Style))
            .OrderBy(i => i.File, StringComparer.Ordinal)
            .ToList();
        var droppedPerStyle = indistinct.GroupBy(i => i.Style).ToDictionary(g => g.Key, g => g.Count());
        return (concepts.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(), keptImages, droppedPerStyle);
    }
}

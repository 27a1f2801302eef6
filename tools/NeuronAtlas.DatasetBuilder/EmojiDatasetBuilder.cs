using System.Diagnostics;
using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.Cli;
using NeuronAtlas.DatasetBuilder.Output;
using NeuronAtlas.DatasetBuilder.Rendering;
using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder;

/// <summary>Builds the "emoji" dataset: every chosen concept drawn in every style that has it.</summary>
public static class EmojiDatasetBuilder
{
    private const float MarginFraction = 0.08f;

    public static DatasetManifest Build(BuildOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var (entries, unicodeVersion) = EmojiTestFile.Read(options.EmojiTestPath);
        var keywords = CldrKeywords.Read(options.CldrDirectory);
        var styles = LoadStyles(options);
        foreach (var style in styles)
        {
            log.WriteLine($"style {style.Style,-15} {style.Source.Name} {style.Source.Version}");
            if (style is SvgDirectorySource { EmptyFiles.Count: > 0 } svg)
                log.WriteLine($"  skipped SVGs that draw nothing: {string.Join(", ", svg.EmptyFiles)}");
        }

        var candidates = ConceptSelector.Candidates(entries, styles, keywords);
        if (candidates.Count == 0)
            throw new InvalidOperationException("No emoji is drawn by enough styles; check the source folders.");
        var rendered = Render(candidates, new SquareTileRenderer(options.Size, options.JpegQuality, MarginFraction), log);
        var (concepts, images, indistinct) = ConceptSelector.KeepDistinct(candidates, rendered, options.MaxConcepts);
        foreach (var (style, count) in indistinct.OrderBy(d => d.Key, StringComparer.Ordinal))
            log.WriteLine($"  dropped {count} {style} images that look exactly like another concept's");
        log.WriteLine($"{concepts.Count} concepts, {images.Count} images kept ({clock.Elapsed.TotalSeconds:F1} s)");

        var sources = styles.Select(s => s.Source).Distinct()
            .Append(EmojiSources.UnicodeEmojiNames(unicodeVersion))
            .Append(EmojiSources.CldrKeywords(keywords.Version))
            .ToList();
        var manifest = new DatasetManifest(
            Name: "emoji",
            DisplayName: $"Emoji in {CountWord(styles.Count)} styles",
            Description: $"{concepts.Count} emoji concepts, each drawn in {ConceptSelector.MinimumStyles} to {styles.Count} styles " +
                         $"({string.Join(", ", styles.Select(s => s.Style))}): a small analogue of meeting one concept " +
                         "as a photo, a drawing and a sketch. Skin tone variants, lone components and images identical to " +
                         "another concept's in the same style are left out.",
            ImageCount: images.Count,
            ConceptCount: concepts.Count,
            ImageSize: options.Size,
            Styles: styles.Select(s => s.Style).ToList(),
            Sources: sources);
        DatasetWriter.Write(options.OutputDirectory, manifest, images, concepts);
        log.WriteLine($"wrote {images.Count} images to {options.OutputDirectory} in {clock.Elapsed.TotalSeconds:F1} s");
        return manifest;
    }

    /// <summary>Draws every candidate in every style that has it, in parallel; the result is in file order.</summary>
    private static DatasetImage[] Render(IReadOnlyList<DatasetConcept> candidates, SquareTileRenderer renderer, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var jobs = candidates
            .SelectMany(c => c.Styles.Select(style => (Concept: c, Style: style, File: $"{c.Id}-{style.Style}.jpg")))
            .OrderBy(j => j.File, StringComparer.Ordinal)
            .ToArray();
        log.WriteLine($"{candidates.Count} candidate concepts, {jobs.Length} images to draw");
        var images = new DatasetImage[jobs.Length];
        var done = 0;
        Parallel.For(0, jobs.Length, i =>
        {
            var (concept, style, file) = jobs[i];
            using var artwork = style.Load(concept.Entry.Sequence);
            images[i] = new DatasetImage(file, concept.Entry.Name, concept.Id, style.Style, style.Source.Name, renderer.RenderJpeg(artwork));
            var count = Interlocked.Increment(ref done);
            if (count % 1000 == 0) log.WriteLine($"  {count}/{jobs.Length} drawn ({clock.Elapsed.TotalSeconds:F0} s)");
        });
        return images;
    }

    private static string CountWord(int n) =>
        n < NumberWords.Length ? NumberWords[n] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six"];

    private static List<IEmojiArtSource> LoadStyles(BuildOptions options)
    {
        var styles = new List<IEmojiArtSource> { EmojiSources.Noto(options.NotoFontPath) };
        if (options.TwemojiDirectory is { } twemoji) styles.Add(EmojiSources.Twemoji(twemoji));
        if (options.OpenMojiDirectory is { } openmoji) styles.AddRange(EmojiSources.OpenMoji(openmoji));
        return styles;
    }
}

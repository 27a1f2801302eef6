using System.Diagnostics;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.DatasetBuilder.DemoConcepts;
using NeuronAtlas.DatasetBuilder.Output;
using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// The `words` command: renders the demo concepts' names into two word datasets. The evaluation set (shipped) has every
/// concept once per held-out font, black on white; the training set has the concepts whose words are not held out, in
/// the training fonts with <see cref="TrainingWordSampler"/>'s variations. Both are seeded and give the same bytes on
/// every run.
/// </summary>
public static class WordDatasetBuilder
{
    private const string BasicLatin = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    public static void Build(WordsOptions options, TextWriter log)
    {
        var table = ConceptTable.Read(Path.Combine(options.EmojiDataset, DatasetWriter.ConceptsFile));
        var concepts = ConceptsOfList(table, Path.Combine(options.ModelDirectory, DemoConceptFiles.ConceptsFile));
        var unseen = ConceptsOfList(table, Path.Combine(options.ModelDirectory, DemoConceptFiles.UnseenWordsFile)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (options.Sets.HasFlag(WordSets.Evaluation))
            BuildEvaluation(options, concepts, log);
        if (options.Sets.HasFlag(WordSets.Training))
        {
            var labelsPerWord = WordText.LabelsPerWord(table.Select(c => c.Label));
            BuildTraining(options, concepts.Where(c => !unseen.Contains(c.Id)).ToList(), labelsPerWord, log);
        }
    }

    private static void BuildEvaluation(WordsOptions options, IReadOnlyList<ConceptRow> concepts, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        using var fonts = FontLibrary.FromFiles(HeldOutFonts.Resolve(options.HeldOutFontDirectory));
        RequireBasicLatin(fonts);
        var painter = new WordPainter(fonts, options.Size, options.JpegQuality);
        var jobs = concepts.SelectMany(c => HeldOutFonts.All.Select((font, index) => (Concept: c, Font: font, Plan: WordRenderPlan.Plain(c.Label, index)))).ToList();
        var images = Render(jobs.Select(j => (j.Concept, j.Font, j.Plan, File: $"{j.Concept.Id}-{j.Font.Style}.jpg")).ToList(), painter);
        var sources = Sources(HeldOutFonts.All, p => HeldOutFonts.PackageVersions[p]);
        var manifest = Manifest("emoji-words", "Emoji names as words, in held-out fonts",
            $"The names of the demo CLIP's {concepts.Count} concepts (data/models/demo-clip/concepts.txt), each written once in every " +
            $"font that no training word uses ({string.Join(", ", HeldOutFonts.All.Select(f => f.Stem))}), black on white, as large as fits: " +
            "the test of reading words in unseen fonts, and the rendered words of the catalog and the multimodal census.",
            images, concepts.Count, options.Size, HeldOutFonts.All, sources);
        var licenses = WordLicensesDocument.Render("emoji-words", sources, HeldOutFonts.All, PerPackage(images),
            "The held-out font files ship in `data/fonts/held-out/` with their licence texts.");
        WordDatasetWriter.Write(options.EvaluationOutput, manifest, images, licenses);
        log.WriteLine($"wrote {images.Count} evaluation words ({concepts.Count} concepts x {HeldOutFonts.All.Count} held-out fonts) to {options.EvaluationOutput} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void BuildTraining(WordsOptions options, IReadOnlyList<ConceptRow> trained,
        IReadOnlyDictionary<string, int> labelsPerWord, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        using var fonts = FontLibrary.FromFiles(TrainingFonts.Resolve(options.TrainingFontRoot));
        RequireBasicLatin(fonts);
        var painter = new WordPainter(fonts, options.Size, options.JpegQuality);
        var jobs = trained.SelectMany((concept, k) =>
            TrainingWordSampler.Plans(concept.Label, WordText.RarerWord(concept.Label, labelsPerWord), fonts.Count,
                    new Random(unchecked(options.Seed * 1_000_003 + k)))
                .Select((plan, i) => (concept, TrainingFonts.All[plan.Font], plan, $"{concept.Id}-{i:00}.jpg"))).ToList();
        var images = Render(jobs, painter);
        var sources = Sources(TrainingFonts.All, DebianPackages.InstalledVersion);
        var manifest = Manifest("words-train", "Emoji names as words, in training fonts",
            $"{trained.Count} demo concepts (concepts.txt less unseen-words.txt), {TrainingWordSampler.RendersPerConcept} renders each: " +
            "the label and (two-word labels) its rarer word, in four letter cases, in the training fonts, at random sizes, places, " +
            $"inks and papers, {TrainingWordSampler.NoisyShare:P0} noisy, {TrainingWordSampler.TiltedShare:P0} tilted up to " +
            $"{TrainingWordSampler.MaxTiltDegrees:0} degrees. Seed {options.Seed}. Rebuilt, not shipped.",
            images, trained.Count, options.Size, TrainingFonts.All, sources);
        var licenses = WordLicensesDocument.Render("words-train", sources, TrainingFonts.All, PerPackage(images),
            "The font files are not shipped: they come from the Debian packages listed.");
        WordDatasetWriter.Write(options.TrainingOutput, manifest, images, licenses);
        log.WriteLine($"wrote {images.Count} training words ({trained.Count} concepts, {fonts.Count} fonts, seed {options.Seed}) to {options.TrainingOutput} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Draws every job in parallel; the result is in file order.</summary>
    private static List<WordImage> Render(IReadOnlyList<(ConceptRow Concept, FontFile Font, WordRenderPlan Plan, string File)> jobs, WordPainter painter)
    {
        var images = new WordImage[jobs.Count];
        Parallel.For(0, jobs.Count, i =>
        {
            var (concept, font, plan, file) = jobs[i];
            images[i] = new WordImage(file, concept.Label, concept.Id, font.Style, font.Package, plan.Text, painter.RenderJpeg(plan));
        });
        return images.OrderBy(i => i.File, StringComparer.Ordinal).ToList();
    }

    /// <summary>The concepts named in a list file, in its order; every label must name exactly one concept of the table.</summary>
    private static List<ConceptRow> ConceptsOfList(IReadOnlyList<ConceptRow> table, string listFile)
    {
        var byLabel = table.GroupBy(c => c.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return DemoConceptFiles.Read(listFile).Select(label => byLabel.TryGetValue(label, out var rows) && rows.Count == 1
            ? rows[0]
            : throw new InvalidDataException($"{listFile}: \"{label}\" must name exactly one concept of the emoji dataset.")).ToList();
    }

    private static void RequireBasicLatin(FontLibrary fonts)
    {
        var covering = fonts.FontsCovering(BasicLatin).ToHashSet();
        var lacking = Enumerable.Range(0, fonts.Count).Where(i => !covering.Contains(i)).Select(i => fonts.Files[i]).ToList();
        if (lacking.Count > 0) throw new InvalidDataException($"Fonts without every basic Latin letter: {string.Join(", ", lacking)}.");
    }

    private static List<DatasetSource> Sources(IReadOnlyList<FontFile> fonts, Func<string, string> version) =>
        fonts.GroupBy(f => f.Package).Select(g => new DatasetSource(g.Key, version(g.Key), string.Join(" / ", g.Select(f => f.Licence).Distinct()),
            $"https://packages.debian.org/bookworm/{g.Key}",
            $"{string.Join(", ", g.Select(f => Path.GetFileName(f.RelativePath)))} from the Debian package {g.Key}, used unmodified to draw the words.")).ToList();

    private static Dictionary<string, int> PerPackage(IReadOnlyList<WordImage> images) =>
        images.GroupBy(i => i.Source).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static DatasetManifest Manifest(string name, string displayName, string description, IReadOnlyList<WordImage> images,
        int conceptCount, int size, IReadOnlyList<FontFile> fonts, IReadOnlyList<DatasetSource> sources) =>
        new(name, displayName, description, images.Count, conceptCount, size, fonts.Select(f => f.Style).ToList(), sources);
}

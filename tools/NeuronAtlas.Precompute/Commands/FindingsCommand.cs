using System.CommandLine;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.Findings;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute findings: the article's findings for a CLIP model and its baselines, into the catalog and docs/findings.md.</summary>
internal static class FindingsCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var baselines = new Option<string[]>("--baseline") { Description = "A baseline model (folder or id), repeatable, e.g. data/cache/demo-clip/baselines/random-init." };
        var pictures = new Option<string>("--pictures") { Description = "The emoji pictures (dataset name or folder).", DefaultValueFactory = _ => "emoji" };
        var words = new Option<string>("--words") { Description = "Rendered words in held-out fonts (dataset name or folder).", DefaultValueFactory = _ => "emoji-words" };
        var concepts = new Option<string?>("--concepts") { Description = "The concept list (default: concepts.txt in the model's folder)." };
        var templates = new Option<string?>("--templates") { Description = "Zero-shot prompt templates, one per line with {} (default: prompts.txt in the model's folder)." };
        var font = new Option<string>("--attack-font") { Description = "The held-out font (file stem under data/fonts/held-out) the typographic attack writes in.", DefaultValueFactory = _ => "LiberationSans-Bold" };
        var textSizes = new Option<float[]>("--attack-text-size")
        {
            Description = "Largest height of the written word, as a share of the picture side; repeatable, one table row per size and style.",
            DefaultValueFactory = _ => [.. ConceptTypographicAttack.DefaultTextSizes], AllowMultipleArgumentsPerToken = true,
        };
        var noAttack = new Option<bool>("--no-typographic") { Description = "Skip the typographic attack." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the findings as Markdown here, e.g. docs/findings.md." };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the findings as JSON here; data/models/{model}/findings.json ships them with the embedded atlas.",
        };
        var command = new Command("findings", "Compute the article's findings for a CLIP model against baselines: multimodal census with controls, zero-shot accuracy, " +
                                              "typographic attack, sparse class probes and neuron families. Stored in the catalog; shown at /models/{model}/findings.")
        {
            model, catalog, provider, baselines, pictures, words, concepts, templates, font, textSizes, noAttack, markdown, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var baselineManifests = (parse.GetValue(baselines) ?? []).Select(CommonOptions.LoadModel).ToList();
            var options = new InferenceOptions { ExecutionProvider = parse.GetValue(provider) };
            var root = CommonOptions.RepoRoot;
            var conceptSet = ConceptSet.Load(parse.GetValue(concepts) ?? Path.Combine(manifest.BaseDirectory, "concepts.txt"),
                Path.Combine(root, "data", "datasets", "emoji", "concepts.csv"), Path.Combine(manifest.BaseDirectory, "unseen-words.txt"));
            var prompts = PromptTemplates.FromFile(parse.GetValue(templates) ?? Path.Combine(manifest.BaseDirectory, "prompts.txt"));
            using var pictureSource = ImageSources.Open(parse.GetValue(pictures)!, root);
            using var wordSource = ImageSources.Open(parse.GetValue(words)!, root);
            var inputs = new FindingsInputs(conceptSet, pictureSource, wordSource, prompts, ZeroShotCommand.CacheDirectory);

            var report = await ConsoleProgress.RunAsync(manifest.Id, progress => Task.Run(() =>
            {
                var computation = new FindingsComputation(inputs, options, progress);
                var (figures, activations) = computation.Measure(manifest, "model", ct);
                var baselineFigures = baselineManifests.Select(b => computation.Measure(b, Path.GetFileName(b.BaseDirectory.TrimEnd('/')), ct).Figures).ToList();
                var typographic = parse.GetValue(noAttack) ? null : Attack(manifest, options, inputs, parse.GetValue(font)!, parse.GetValue(textSizes)!, progress, ct);
                return new FindingsReport(manifest.Id, manifest.DisplayName, DateTimeOffset.UtcNow, computation.Setup(manifest), figures, baselineFigures,
                    typographic, computation.Probes(activations), computation.Families(activations));
            }, ct));

            using (var db = CatalogDatabase.OpenForWriting(parse.GetValue(catalog)!))
                FindingsStore.Save(db, report);
            if (parse.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath, report.ToJson());
                Console.WriteLine($"Wrote {jsonPath}.");
            }
            var text = FindingsMarkdown.Write(report);
            Console.WriteLine(text);
            if (parse.GetValue(markdown) is { } path)
            {
                File.WriteAllText(path, text);
                Console.WriteLine($"Wrote {path}.");
            }
            return 0;
        });
        return command;
    }

    private static TypographicFindings Attack(ModelManifest manifest, InferenceOptions options, FindingsInputs inputs, string fontStem, float[] textSizes,
        IProgress<NeuronAtlas.Core.Activations.DatasetPassProgress> progress, CancellationToken ct)
    {
        // The held-out fonts: the model never read a training word in them.
        using var fonts = FontLibrary.FromDirectory(Path.Combine(CommonOptions.RepoRoot, "data", "fonts", "held-out"));
        int font = fonts.Files.Select(Path.GetFileNameWithoutExtension).ToList().IndexOf(fontStem);
        if (font < 0) throw new ArgumentException($"No font '{fontStem}' under data/fonts/held-out: {string.Join(", ", fonts.Files.Select(Path.GetFileNameWithoutExtension))}.");
        using var clip = ClipModel.Load(manifest, options);
        var labels = new LabelSet("concepts", inputs.Concepts.Labels);
        var classifier = ZeroShotClassifier.Create(clip, labels, inputs.Prompts, inputs.ZeroShotCache);
        var writable = labels.Labels.Select(l => fonts.FontsCovering(l).Contains(font)).ToArray();
        if (textSizes.Length == 0 || textSizes.Any(s => s is <= 0 or > 0.5f))
            throw new ArgumentOutOfRangeException(nameof(textSizes), "--attack-text-size takes shares of the picture side in (0, 0.5].");
        var (indices, concepts) = FindingsInputs.Select(inputs.Pictures, inputs.Concepts);
        var rows = new List<TypographicFindingsRow>();
        var flips = new List<TypographicFlip>();
        foreach (var textSize in textSizes)
        foreach (var style in new[] { FindingsInputs.HeldOutStyle, "noto" })
        {
            var attack = new ConceptTypographicAttack(clip, classifier, fonts, font, textSize);
            var chosen = Enumerable.Range(0, indices.Length).Where(i => inputs.Pictures.Describe(indices[i]).Style == style).ToList();
            if (chosen.Count == 0) continue;
            var (row, examples) = attack.Run(inputs.Pictures, chosen.Select(i => indices[i]).ToList(), chosen.Select(i => concepts[i]).ToList(),
                style, writable, seed: 0, progress, ct);
            rows.Add(row);
            flips.AddRange(examples);
        }
        return new TypographicFindings(rows, flips);
    }
}

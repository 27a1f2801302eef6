using System.CommandLine;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextRendering;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute typographic-attack: the Distill article's attack table on any image set.</summary>
internal static class TypographicAttackCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider();
        var images = new Option<string>("--images", "-i") { Description = "A folder of images, or a dataset name under data/datasets (e.g. emoji).", Required = true };
        var labels = ZeroShotCommand.LabelsOption();
        var templates = ZeroShotCommand.TemplatesOption();
        var pairs = new Option<string?>("--pairs")
        {
            Description = "class=text pairs, comma-separated, e.g. \"iPod=iPod,piggy bank=$$$\" (default: the article's pairs whose class is in the label set).",
        };
        var maxImages = new Option<int?>("--max-images") { Description = "Use only the first N images." };
        var size = new Option<float>("--size") { Description = "Font size as a share of the image's shorter side.", DefaultValueFactory = _ => 0.12f };
        var seed = new Option<int>("--seed") { Description = "Seed of the label positions." };
        var output = new Option<string?>("--out") { Description = "Write the table to OUT.csv and OUT.md as well." };
        var command = new Command("typographic-attack", "Draw each attack text onto each image and report how often CLIP's zero-shot prediction flips to the text's class.")
        {
            model, provider, images, labels, templates, pairs, maxImages, size, seed, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var source = ImageSources.Open(parse.GetValue(images)!, CommonOptions.RepoRoot);
            using var clip = ClipModel.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) }, loggerFactory.CreateLogger("precompute"));
            var labelSet = LabelSet.Resolve(parse.GetValue(labels)!, CommonOptions.RepoRoot);
            var attackPairs = ParsePairs(parse.GetValue(pairs), labelSet);
            var classifier = ZeroShotClassifier.Create(clip, labelSet, ZeroShotCommand.LoadTemplates(parse.GetValue(templates)), ZeroShotCommand.CacheDirectory);
            using var fonts = FontLibrary.Shipped(CommonOptions.RepoRoot);
            var experiment = new TypographicAttackExperiment(clip, classifier, new TypographicAttack(fonts), new TypographicLabel { Text = "-", Size = parse.GetValue(size) });
            var report = await ConsoleProgress.RunAsync(manifest.Id, p => Task.Run(() =>
                experiment.Run(source, attackPairs, parse.GetValue(maxImages), parse.GetValue(seed), p, ct), ct));
            Console.WriteLine(report.ToMarkdown());
            if (parse.GetValue(output) is { } prefix)
            {
                File.WriteAllText(prefix + ".csv", report.ToCsv());
                File.WriteAllText(prefix + ".md", report.ToMarkdown());
                Console.WriteLine($"Wrote {prefix}.csv and {prefix}.md.");
            }
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<(string Class, string Text)> ParsePairs(string? value, LabelSet labels)
    {
        if (value is null)
        {
            var known = TypographicAttackPresets.ArticlePairs.Where(p => labels.IndexOf(p.Class) >= 0).ToList();
            return known.Count > 0 ? known
                : throw new ArgumentException($"None of the article's classes is in the label set '{labels.Name}'; pass --pairs class=text,...");
        }
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
                ? (parts[0], parts[1])
                : throw new ArgumentException($"'{pair}' is not of the form class=text.");
        }).ToList();
    }
}

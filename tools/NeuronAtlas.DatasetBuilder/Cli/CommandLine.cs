using System.Globalization;
using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.DemoConcepts;
using NeuronAtlas.DatasetBuilder.Words;
using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Cli;

/// <summary>Parses the builder's arguments into one of its three commands.</summary>
public static class CommandLine
{
    public const string Usage = $"""
        NeuronAtlas.DatasetBuilder - builds the "emoji" image dataset reproducibly.

        Build:
          dotnet run --project tools/NeuronAtlas.DatasetBuilder -- --out data/datasets/emoji \
              [--openmoji DIR] [--twemoji DIR] [--noto FONT] [--size 128] [--quality 88] [--max-concepts N]
        Choose the demo CLIP's concepts (writes concepts.txt and unseen-words.txt):
          dotnet run --project tools/NeuronAtlas.DatasetBuilder -- concepts \
              [--emoji data/datasets/emoji] [--out data/models/demo-clip] [--count 300]
        Render the demo concepts' names as word datasets (data/datasets/emoji-words, data/cache/demo-clip/words-train):
          dotnet run --project tools/NeuronAtlas.DatasetBuilder -- words [--sets both|eval|train] [--seed 8] \
              [--emoji data/datasets/emoji] [--model data/models/demo-clip] [--held-out-fonts data/fonts/held-out] \
              [--training-fonts /usr/share/fonts] [--eval-out data/datasets/emoji-words] \
              [--train-out data/cache/demo-clip/words-train] [--size 128] [--quality 88]
        Check a built dataset (exit code 1 on any problem):
          dotnet run --project tools/NeuronAtlas.DatasetBuilder -- --verify data/datasets/emoji

        Options:
          --out DIR           folder to write dataset.json, labels.csv, concepts.csv, images.zip, LICENSES.md
          --openmoji DIR      unpacked npm package openmoji (holds package.json, color/svg, black/svg)
          --twemoji DIR       unpacked npm package @discordapp/twemoji (holds package.json, dist/svg)
          --noto FONT         Noto Color Emoji font file (default {EmojiSources.DefaultNotoFont})
          --emoji-test FILE   Unicode emoji-test.txt (default {EmojiTestFile.DefaultPath})
          --cldr DIR          CLDR common/ folder, for keywords (default {CldrKeywords.DefaultDirectory})
          --size N            side of the square JPEG images in pixels (default 128)
          --quality N         JPEG quality 1-100 (default 88)
          --max-concepts N    keep N concepts spread over all emoji groups (default: all)
          --verify DIR        check a built dataset instead of building one
          --help              show this text

        tools/NeuronAtlas.DatasetBuilder/fetch-sources.sh fetches the sources and runs the build.
        """;

    public static CommandLineRequest Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "concepts")
            return ParseOptions(args.Skip(1).ToList()) is { } concepts ? ParseConcepts(concepts) : CommandLineRequest.Help;
        if (args.Count > 0 && args[0] == "words")
            return ParseOptions(args.Skip(1).ToList()) is { } words ? ParseWords(words) : CommandLineRequest.Help;
        if (ParseOptions(args) is not { } values) return CommandLineRequest.Help;
        if (values.Remove("verify", out var verifyDirectory))
            return values.Count == 0 ? new CommandLineRequest(null, verifyDirectory) : throw new ArgumentException("--verify takes no other options.");
        if (!values.Remove("out", out var output))
            throw new ArgumentException("--out DIR (or --verify DIR) is required.");

        var options = new BuildOptions(output)
        {
            OpenMojiDirectory = Take(values, "openmoji"),
            TwemojiDirectory = Take(values, "twemoji"),
            NotoFontPath = Take(values, "noto") ?? EmojiSources.DefaultNotoFont,
            EmojiTestPath = Take(values, "emoji-test") ?? EmojiTestFile.DefaultPath,
            CldrDirectory = Take(values, "cldr") ?? CldrKeywords.DefaultDirectory,
            Size = TakeInt(values, "size", 16, 1024) ?? 128,
            JpegQuality = TakeInt(values, "quality", 1, 100) ?? 88,
            MaxConcepts = TakeInt(values, "max-concepts", 1, int.MaxValue),
        };
        RejectUnknown(values);
        return new CommandLineRequest(options, null);
    }

    private static CommandLineRequest ParseConcepts(Dictionary<string, string> values)
    {
        var defaults = new ConceptListOptions();
        var options = new ConceptListOptions
        {
            EmojiDataset = Take(values, "emoji") ?? defaults.EmojiDataset,
            ModelDirectory = Take(values, "out") ?? defaults.ModelDirectory,
            Count = TakeInt(values, "count", 1, int.MaxValue) ?? defaults.Count,
        };
        RejectUnknown(values);
        return CommandLineRequest.Help with { Concepts = options };
    }

    private static CommandLineRequest ParseWords(Dictionary<string, string> values)
    {
        var defaults = new WordsOptions();
        var options = new WordsOptions
        {
            EmojiDataset = Take(values, "emoji") ?? defaults.EmojiDataset,
            ModelDirectory = Take(values, "model") ?? defaults.ModelDirectory,
            HeldOutFontDirectory = Take(values, "held-out-fonts") ?? defaults.HeldOutFontDirectory,
            TrainingFontRoot = Take(values, "training-fonts") ?? defaults.TrainingFontRoot,
            EvaluationOutput = Take(values, "eval-out") ?? defaults.EvaluationOutput,
            TrainingOutput = Take(values, "train-out") ?? defaults.TrainingOutput,
            Seed = TakeInt(values, "seed", 0, int.MaxValue) ?? defaults.Seed,
            Size = TakeInt(values, "size", 16, 1024) ?? defaults.Size,
            JpegQuality = TakeInt(values, "quality", 1, 100) ?? defaults.JpegQuality,
            Sets = Take(values, "sets") switch
            {
                null or "both" => WordSets.Both,
                "eval" => WordSets.Evaluation,
                "train" => WordSets.Training,
                var other => throw new ArgumentException($"--sets must be both, eval or train, got '{other}'."),
            },
        };
        RejectUnknown(values);
        return CommandLineRequest.Help with { Words = options };
    }

    /// <summary>The '--name value' pairs, or null when help was asked for.</summary>
    private static Dictionary<string, string>? ParseOptions(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h") return null;
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Expected '--option value', got '{name}'.");
            values[name[2..]] = args[++i];
        }
        return values;
    }

    private static void RejectUnknown(Dictionary<string, string> values)
    {
        if (values.Count > 0)
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
    }

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static int? TakeInt(Dictionary<string, string> values, string name, int min, int max)
    {
        if (Take(values, name) is not { } text) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, got '{text}'.");
    }
}

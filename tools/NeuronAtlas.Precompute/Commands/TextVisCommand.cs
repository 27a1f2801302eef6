using System.CommandLine;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextVis;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute text-vis: each neuron's top phrases, found by rendering a vocabulary as images.</summary>
internal static class TextVisCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var layers = new Option<string[]>("--layers") { Description = "Layer ids (default: the manifest's first, primary layer).", AllowMultipleArgumentsPerToken = true };
        var vocabulary = new Option<string>("--vocabulary") { Description = "Phrases, one per line ('#' comments).", DefaultValueFactory = _ => TextVisVocabulary.ShippedPath(CommonOptions.RepoRoot) };
        var fonts = new Option<string>("--fonts") { Description = "Folder of .ttf/.otf fonts to draw with.", DefaultValueFactory = _ => Path.Combine(CommonOptions.RepoRoot, "data", "fonts") };
        var maxPhrases = new Option<int?>("--max-phrases") { Description = "Use only the first N phrases (quick trials)." };
        var renderings = new Option<int>("--renderings") { Description = "Images drawn per phrase (font, size, position and colours vary).", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch-phrases") { Description = "Phrases per inference batch (each contributes --renderings images).", DefaultValueFactory = _ => 4 };
        var topK = new Option<int>("--top-k") { Description = "Phrases kept per neuron.", DefaultValueFactory = _ => 16 };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "Phrases between checkpoints.", DefaultValueFactory = _ => 128 };
        var restart = new Option<bool>("--restart") { Description = "Discard an unfinished run instead of resuming it." };
        var shard = new ShardOptions();
        var archive = new Option<string?>("--archive") { Description = "A text-vis archive ('precompute text-vis-archive') to take the per-phrase rows from when it was made with the same model files and settings; otherwise they are computed and the log says why." };
        var noLabels = new Option<bool>("--no-labels") { Description = "Do not label neurons afterwards (CLIP models are labelled by default)." };
        var command = new Command("text-vis", "Render every vocabulary phrase as images, run them through the model and store each neuron's top phrases (NeuronTextExample); CLIP models also get automatic neuron labels. Resumable: rerun the same command after an interruption.")
        {
            model, catalog, provider, layers, vocabulary, fonts, maxPhrases, renderings, batch, topK, checkpoint, restart, noLabels, archive, shard.Index, shard.Count,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var phrases = TextVisVocabulary.FromFile(parse.GetValue(vocabulary)!).Phrases;
            if (parse.GetValue(maxPhrases) is int max) phrases = phrases.Take(Positive(max, "--max-phrases")).ToList();
            var options = new TextVisOptions
            {
                Model = manifest,
                CatalogPath = parse.GetValue(catalog)!,
                Phrases = phrases,
                FontsDirectory = parse.GetValue(fonts)!,
                Layers = LayerIds(parse.GetValue(layers)),
                Renderings = Positive(parse.GetValue(renderings), "--renderings"),
                PhrasesPerBatch = Positive(parse.GetValue(batch), "--batch-phrases"),
                TopK = Positive(parse.GetValue(topK), "--top-k"),
                CheckpointEvery = Positive(parse.GetValue(checkpoint), "--checkpoint-every"),
                Restart = parse.GetValue(restart),
                Shard = shard.Read(parse),
                WriteLabels = !parse.GetValue(noLabels),
                Archive = parse.GetValue(archive),
                Inference = new InferenceOptions { ExecutionProvider = parse.GetValue(provider) },
            };
            Console.WriteLine($"Text-vis: model {manifest.Id}, layers {string.Join(", ", options.LayerIds)}, {phrases.Count} phrases x {options.Renderings} renderings{(options.Shard is { } s ? $", {s} of the phrases" : "")}, catalog {options.CatalogPath}.");
            var result = await ConsoleProgress.RunAsync(manifest.Id, p => new TextVisPass(options, loggerFactory.CreateLogger("precompute")).RunAsync(p, ct));
            if (options.Shard is not null)
                Console.WriteLine($"Shard done: {result.Phrases} phrases. After 'precompute merge', rerun this command without --shard-count on the merged catalog: it writes the top phrases and labels.");
            else Console.WriteLine($"Done: {result.Phrases} phrases, resumed from phrase {result.ResumedFrom}, {result.Elapsed.TotalSeconds:F1} s, " +
                              $"{result.ImagesPerSecond:F1} images/s, {result.LabelledNeurons} neurons labelled.");
            return 0;
        });
        return command;
    }

    /// <summary>--layers values, each possibly comma-separated; null when none were given.</summary>
    internal static List<string>? LayerIds(string[]? values) =>
        values is { Length: > 0 } ? values.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() : null;

    internal static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be positive (got {value}).");
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute dataset-pass: top-k dataset examples, spatial maps and statistics for every neuron.</summary>
internal static class DatasetPassCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var images = new Option<string>("--images", "-i")
        {
            Description = "A folder of images, or a dataset name under data/datasets (e.g. emoji).", Required = true,
        };
        var catalog = CommonOptions.Catalog();
        var topK = new Option<int>("--top-k") { Description = "Examples kept per neuron.", DefaultValueFactory = _ => 16 };
        var batch = new Option<int>("--batch") { Description = "Images per inference batch.", DefaultValueFactory = _ => 16 };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "Images between checkpoints.", DefaultValueFactory = _ => 2048 };
        var layers = new Option<string[]>("--layers") { Description = "Layer ids to compute (default: all the manifest exposes).", AllowMultipleArgumentsPerToken = true };
        var imageStart = new Option<int>("--image-start") { Description = "Image shard: first image index." };
        var imageCount = new Option<int?>("--image-count") { Description = "Image shard: number of images (default: all remaining)." };
        var channelStart = new Option<int>("--channel-start") { Description = "Neuron shard: first channel of each layer." };
        var channelCount = new Option<int?>("--channel-count") { Description = "Neuron shard: channels per layer (default: all remaining)." };
        var restart = new Option<bool>("--restart") { Description = "Discard an unfinished pass instead of resuming it." };
        var provider = CommonOptions.Provider();
        var shard = new ShardOptions();

        var command = new Command("dataset-pass", "Stream images through a model and store each neuron's top examples, spatial maps and statistics. Resumable: rerun the same command after an interruption.")
        {
            model, images, catalog, topK, batch, checkpoint, layers, imageStart, imageCount, channelStart, channelCount, restart, provider, shard.Index, shard.Count,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var log = loggerFactory.CreateLogger("precompute");
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var source = ImageSources.Open(parse.GetValue(images)!, CommonOptions.RepoRoot);
            var options = new DatasetPassOptions
            {
                Model = manifest,
                CatalogPath = parse.GetValue(catalog)!,
                TopK = Positive(parse.GetValue(topK), "--top-k"),
                BatchSize = Positive(parse.GetValue(batch), "--batch"),
                CheckpointEvery = Positive(parse.GetValue(checkpoint), "--checkpoint-every"),
                Layers = parse.GetValue(layers) is { Length: > 0 } l ? l.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList() : null,
                ImageStart = parse.GetValue(imageStart),
                ImageCount = parse.GetValue(imageCount),
                Shard = shard.Read(parse),
                ChannelStart = parse.GetValue(channelStart),
                ChannelCount = parse.GetValue(channelCount),
                Restart = parse.GetValue(restart),
                Inference = new InferenceOptions { ExecutionProvider = parse.GetValue(provider) },
            };
            Console.WriteLine($"Dataset pass: model {manifest.Id}, {source.Count} images from '{source.Name}'{(options.Shard is { } s ? $", {s}" : "")}, catalog {options.CatalogPath}.");
            var result = await ConsoleProgress.RunAsync(manifest.Id, p => new DatasetPass(options, log).RunAsync(source, p, ct));
            Console.WriteLine($"Done: {result.Images} images ({result.SkippedImages} skipped), resumed from image {result.ResumedFrom}, " +
                              $"{result.Elapsed.TotalSeconds:F1} s, {result.ImagesPerSecond:F1} images/s.");
            return 0;
        });
        return command;
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be positive (got {value}).");
}

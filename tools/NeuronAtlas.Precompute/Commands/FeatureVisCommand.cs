using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NeuronAtlas.FeatureVis.Catalog;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>
/// precompute feature-vis: channel visualizations and diversity facets of every neuron of some layers, into the catalog.
/// Option defaults come from the "FeatureVis" section of appsettings.json when it has one.
/// </summary>
internal static class FeatureVisCommand
{
    public static Command Create()
    {
        var defaults = Defaults.Load();
        var model = CommonOptions.Model();
        var layers = new Option<string[]>("--layers") { Description = "Layer ids to visualize (comma-separated or repeated).", Required = true, AllowMultipleArgumentsPerToken = true };
        var channels = new Option<string?>("--channels") { Description = "Channels start:end (end exclusive), e.g. 0:512; default all." };
        var catalog = CommonOptions.Catalog();
        var steps = new Option<int>("--steps") { Description = "Optimization steps per image.", DefaultValueFactory = _ => defaults.Steps };
        var size = new Option<int>("--size") { Description = "Side of the optimized image in pixels (resized to the model input).", DefaultValueFactory = _ => defaults.Size };
        var batch = new Option<int>("--batch") { Description = "Neurons per channel-visualization batch.", DefaultValueFactory = _ => defaults.Batch };
        var facets = new Option<int>("--facets") { Description = "Diversity facets per neuron (0 for none).", DefaultValueFactory = _ => defaults.Facets };
        var seed = new Option<int>("--seed") { Description = "Random seed; with steps and size it identifies stored results.", DefaultValueFactory = _ => defaults.Seed };
        var diversity = new Option<float>("--diversity") { Description = "Weight of diversity in facet runs.", DefaultValueFactory = _ => defaults.DiversityWeight };
        var provider = CommonOptions.Provider();
        var shard = new ShardOptions();
        var command = new Command("feature-vis", "Render each neuron's feature visualization (facet -1) and diversity facets (0..F-1) into the catalog. " +
                                                 "Needs the neurons from a dataset pass. Resumable: rerun to continue; finished neurons are skipped.")
        {
            model, layers, channels, catalog, steps, size, batch, facets, seed, diversity, provider, shard.Index, shard.Count,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var (start, end) = ParseChannels(parse.GetValue(channels));
            var options = new FeatureVisJobOptions
            {
                Model = manifest,
                CatalogPath = parse.GetValue(catalog)!,
                Layers = parse.GetValue(layers)!.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                ChannelStart = start,
                ChannelEnd = end,
                Shard = shard.Read(parse),
                Render = new RenderOptions { Steps = Positive(parse.GetValue(steps), "--steps"), ImageSize = Positive(parse.GetValue(size), "--size"), Seed = parse.GetValue(seed) },
                BatchSize = Positive(parse.GetValue(batch), "--batch"),
                Facets = parse.GetValue(facets),
                DiversityWeight = parse.GetValue(diversity),
                Inference = new() { ExecutionProvider = parse.GetValue(provider) },
            };
            foreach (var layer in options.Layers) manifest.GetLayer(layer);
            Console.WriteLine($"Feature visualization: {manifest.Id} {string.Join(",", options.Layers)}, {options.Render.Steps} steps at {options.Render.ImageSize} px, " +
                              $"batch {options.BatchSize}, {options.Facets} facets, seed {options.Render.Seed}{(options.Shard is { } s ? $", {s} of the channels" : "")}, catalog {options.CatalogPath}.");
            var result = await ConsoleProgress.RunAsync(manifest.Id, p => new FeatureVisCatalogJob(options, loggerFactory.CreateLogger("precompute")).RunAsync(p, ct));
            Console.WriteLine($"Done: {result.Images} images for {result.Neurons} neurons in {result.Elapsed.TotalMinutes:F1} min.");
            return 0;
        });
        return command;
    }

    private static (int Start, int? End) ParseChannels(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, null);
        var parts = text.Split(':');
        if (parts.Length == 1 && int.TryParse(parts[0], out int single) && single >= 0) return (single, single + 1);
        if (parts.Length == 2 && int.TryParse(parts[0], out int start) && int.TryParse(parts[1], out int end) && start >= 0 && end > start) return (start, end);
        throw new ArgumentException($"--channels '{text}' is not start:end with 0 <= start < end (or a single channel).");
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be positive (got {value}).");

    /// <summary>The "FeatureVis" section of the repo's appsettings.json, else the built-in defaults.</summary>
    private sealed record Defaults(int Steps = 512, int Size = 128, int Batch = 8, int Facets = 4, int Seed = 0,
        float DiversityWeight = FeatureVisRenderer.DefaultFacetDiversityWeight)
    {
        public static Defaults Load()
        {
            var path = Path.Combine(CommonOptions.RepoRoot, "appsettings.json");
            if (!File.Exists(path)) return new Defaults();
            using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!json.RootElement.TryGetProperty("FeatureVis", out var section)) return new Defaults();
            var d = new Defaults();
            int Int(string name, int fallback) => section.TryGetProperty(name, out var v) && v.TryGetInt32(out int i) ? i : fallback;
            float Float(string name, float fallback) => section.TryGetProperty(name, out var v) && v.TryGetSingle(out float f) ? f : fallback;
            return new Defaults(Int("Steps", d.Steps), Int("Size", d.Size), Int("Batch", d.Batch), Int("Facets", d.Facets), Int("Seed", d.Seed),
                Float("DiversityWeight", d.DiversityWeight));
        }
    }
}

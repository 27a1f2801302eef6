using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>
/// precompute feature-vis-report: how much more each neuron's visualization excites it than its best dataset example
/// (channel mean over positions in both), and optionally a grid image of visualizations beside their top examples.
/// </summary>
internal static class FeatureVisReportCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var layer = new Option<string>("--layer", "-l") { Description = "Layer id.", Required = true };
        var catalog = CommonOptions.Catalog();
        var grid = new Option<string?>("--grid") { Description = "Write a PNG grid: per row a neuron's visualization, its facets and its top 4 dataset examples." };
        var gridChannels = new Option<string?>("--grid-channels") { Description = "Comma-separated channels for the grid (default: the first 16 visualized)." };
        var provider = CommonOptions.Provider();
        var command = new Command("feature-vis-report", "Compare stored feature visualizations with the best dataset examples: ratio of channel-mean activations.")
        {
            model, layer, catalog, grid, gridChannels, provider,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var spec = manifest.GetLayer(parse.GetValue(layer)!);
            using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(parse.GetValue(catalog)!));
            var rows = db.Neurons.Where(n => n.Layer!.ModelId == manifest.Id && n.Layer.LayerId == spec.Id)
                .Select(n => new
                {
                    n.Index,
                    Best = n.Examples.Where(e => e.Rank == 0).Select(e => (float?)e.Activation).FirstOrDefault(),
                    Examples = n.Examples.OrderBy(e => e.Rank).Take(4).Select(e => e.ImageHash).ToList(),
                    Visualizations = db.FeatureVisualizations.Where(v => v.NeuronId == n.Id).OrderBy(v => v.Facet)
                        .Select(v => new { v.Facet, v.Activation, v.Png, v.Steps, v.Size, v.Seed }).ToList(),
                })
                .AsEnumerable().Where(r => r.Visualizations.Any(v => v.Facet == -1) && r.Best > 0).OrderBy(r => r.Index).ToList();
            if (rows.Count == 0)
                throw new InvalidOperationException($"No feature visualizations of {manifest.Id}/{spec.Id} with dataset examples in the catalog; run 'precompute feature-vis' first.");

            var settings = rows.SelectMany(r => r.Visualizations).Select(v => $"{v.Steps} steps, {v.Size} px, seed {v.Seed}").Distinct();
            Console.WriteLine($"{manifest.Id}/{spec.Id}: {rows.Count} neurons with a visualization ({string.Join("; ", settings)}).");
            var channelVis = rows.Select(r => r.Visualizations.Single(v => v.Facet == -1)).ToList();
            var stored = rows.Select((r, i) => channelVis[i].Activation / r.Best!.Value).ToArray();
            var fromPng = PngActivations(manifest, spec, channelVis.Select(v => v.Png).ToList(), rows.Select(r => r.Index).ToList(), parse.GetValue(provider))
                .Select((a, i) => a / rows[i].Best!.Value).ToArray();
            Print("visualization / best example, as optimized (float image)", stored);
            Print("visualization / best example, from the stored PNG through the dataset preprocessing", fromPng);
            var facetRatios = rows.SelectMany(r => r.Visualizations.Where(v => v.Facet >= 0).Select(v => v.Activation / r.Best!.Value)).ToArray();
            if (facetRatios.Length > 0) Print("diversity facet / best example", facetRatios);

            if (parse.GetValue(grid) is { } gridPath)
            {
                var chosen = parse.GetValue(gridChannels) is { } list
                    ? list.Split(',').Select(int.Parse).ToHashSet()
                    : rows.Take(16).Select(r => r.Index).ToHashSet();
                var gridRows = rows.Where(r => chosen.Contains(r.Index)).Select(r => (r.Visualizations.Select(v => v.Png).ToList(), r.Examples)).ToList();
                WriteGrid(db, gridRows, gridPath);
                Console.WriteLine($"Grid of {gridRows.Count} neurons (channels {string.Join(", ", rows.Where(r => chosen.Contains(r.Index)).Select(r => r.Index))}) written to {gridPath}.");
            }
            return 0;
        });
        return command;
    }

    private static void Print(string what, float[] ratios)
    {
        var sorted = ratios.Order().ToArray();
        float Percentile(double p) => sorted[(int)Math.Clamp(Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];
        Console.WriteLine($"{what}: n={sorted.Length}, median {Percentile(0.5):F2}, 10th percentile {Percentile(0.1):F2}, min {sorted[0]:F2}, " +
                          $"max {sorted[^1]:F2}, above 1: {sorted.Count(r => r > 1)}/{sorted.Length}");
    }

    /// <summary>Each PNG's channel-mean activation at its neuron, preprocessed like a dataset image.</summary>
    private static float[] PngActivations(ModelManifest manifest, LayerManifest layer, List<byte[]> pngs, List<int> channels, ExecutionProviderKind provider)
    {
        using var extractor = ActivationExtractor.Create(manifest, new InferenceOptions { ExecutionProvider = provider }, [layer.Id]);
        var preprocessor = new ImagePreprocessor(manifest);
        var result = new float[pngs.Count];
        int plane = layer.Height * layer.Width;
        const int batch = 8;
        for (int start = 0; start < pngs.Count; start += batch)
        {
            int count = Math.Min(batch, pngs.Count - start);
            var input = new float[count * preprocessor.TensorLength];
            for (int i = 0; i < count; i++)
            {
                using var image = ImageDecoding.LoadRgbOnWhite(pngs[start + i]);
                preprocessor.Preprocess(image, input.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
            }
            using var activations = extractor.Run(input, count);
            var tensor = activations.Tensor(layer.Tensor);
            for (int i = 0; i < count; i++) result[start + i] = SpatialMean.Of(tensor, layer.Channels, plane, i, channels[start + i]);
        }
        return result;
    }

    /// <summary>Two halves side by side; per row a neuron's visualizations (facet -1 first), a gap, its top examples.</summary>
    private static void WriteGrid(AtlasDbContext db, List<(List<byte[]> Visualizations, List<string> Examples)> rows, string path)
    {
        const int cell = 128, gap = 4, separator = 16, halfGap = 40;
        int visColumns = rows.Max(r => r.Visualizations.Count), exampleColumns = rows.Max(r => r.Examples.Count);
        int halfWidth = (visColumns + exampleColumns) * (cell + gap) + separator, perHalf = (rows.Count + 1) / 2;
        using var canvas = new Image<Rgb24>(2 * halfWidth + halfGap, perHalf * (cell + gap), new Rgb24(255, 255, 255));
        var hashes = rows.SelectMany(r => r.Examples).Distinct().ToList();
        var thumbnails = db.Images.Where(i => hashes.Contains(i.Hash)).ToDictionary(i => i.Hash, i => i.Thumbnail);
        for (int row = 0; row < rows.Count; row++)
        {
            int left = row / perHalf * (halfWidth + halfGap), y = row % perHalf * (cell + gap);
            var tiles = rows[row].Visualizations.Select((png, column) => (png, x: left + column * (cell + gap)))
                .Concat(rows[row].Examples.Select((hash, column) => (png: thumbnails[hash], x: left + (visColumns + column) * (cell + gap) + separator)));
            foreach (var (bytes, x) in tiles)
            {
                using var tile = ImageDecoding.LoadRgbOnWhite(bytes);
                tile.Mutate(ctx => ctx.Resize(new ResizeOptions { Size = new Size(cell, cell), Mode = SixLabors.ImageSharp.Processing.ResizeMode.Pad, PadColor = Color.White }));
                canvas.Mutate(ctx => ctx.DrawImage(tile, new Point(x, y), 1f));
            }
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        canvas.SaveAsPng(path);
    }
}

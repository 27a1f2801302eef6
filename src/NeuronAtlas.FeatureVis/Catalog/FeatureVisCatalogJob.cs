using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Sharding;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.FeatureVis.Catalog;

/// <summary>
/// Renders the channel visualization (facet -1) and the diversity facets (0..F-1) of every chosen neuron and stores
/// them as PNGs in the catalog. Resumable: each batch is saved as soon as it is rendered, and a visualization already
/// stored with the same steps, size and seed is not rendered again. The neurons must exist (a dataset pass made them).
/// </summary>
public sealed class FeatureVisCatalogJob(FeatureVisJobOptions options, ILogger? logger = null)
{
    /// <summary>Progress counts rendered images (one per channel visualization and per facet).</summary>
    public async Task<FeatureVisJobResult> RunAsync(IProgress<DatasetPassProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "The batch size must be positive.");
        if (options.Facets is < 0 or 1) throw new ArgumentOutOfRangeException(nameof(options), "Facets must be 0 or at least 2 (diversity compares facets).");
        var clock = Stopwatch.StartNew();
        using var db = CatalogDatabase.OpenForWriting(options.CatalogPath);
        var work = options.Layers.SelectMany(layerId => PendingNeurons(db, layerId)).ToList();
        int total = work.Sum(w => (w.NeedsChannel ? 1 : 0) + (w.NeedsFacets ? options.Facets : 0));
        logger?.LogInformation("Feature visualizations of {Model}: {Images} images to render for {Neurons} neurons.", options.Model.Id, total, work.Count);
        int done = 0;
        void Report(string stage)
        {
            double rate = done / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            progress?.Report(new DatasetPassProgress(stage, done, total, rate, rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null));
        }
        Report("feature visualization");
        using var renderer = new FeatureVisRenderer(options.Model, options.Inference, logger);
        var render = options.Render with { ProgressImageEvery = 0 };
        foreach (var layerGroup in work.GroupBy(w => w.LayerId))
        {
            foreach (var chunk in layerGroup.Chunk(options.BatchSize))
            {
                var channels = chunk.Where(w => w.NeedsChannel).ToList();
                if (channels.Count > 0)
                {
                    var result = await renderer.RenderChannelsAsync(layerGroup.Key, channels.Select(w => w.Channel).ToList(), render, ct: ct);
                    for (int i = 0; i < channels.Count; i++) Store(db, channels[i].NeuronId, -1, result.Images[i], result.Objective![i]);
                    db.SaveChanges();
                    done += channels.Count;
                    Report($"{layerGroup.Key} channels");
                }
                foreach (var neuron in chunk.Where(w => w.NeedsFacets))
                {
                    var result = await renderer.RenderFacetsAsync(layerGroup.Key, neuron.Channel, options.Facets, options.DiversityWeight, render, ct: ct);
                    for (int f = 0; f < options.Facets; f++) Store(db, neuron.NeuronId, f, result.Images[f], result.Objective![f]);
                    db.SaveChanges();
                    done += options.Facets;
                    Report($"{layerGroup.Key} facets");
                }
                db.ChangeTracker.Clear();
            }
        }
        if (options.Shard is { } shard) SaveShardRecord(db, shard);
        return new FeatureVisJobResult(work.Count, done, clock.Elapsed);
    }

    private List<PendingNeuron> PendingNeurons(AtlasDbContext db, string layerId)
    {
        var spec = options.Model.GetLayer(layerId);
        var layer = db.Layers.AsNoTracking().SingleOrDefault(l => l.ModelId == options.Model.Id && l.LayerId == layerId)
            ?? throw new InvalidOperationException(
                $"The catalog {options.CatalogPath} has no layer '{layerId}' of model '{options.Model.Id}'. Run 'precompute dataset-pass --model {options.Model.Id}' (or build-embedded) first: it creates the neurons.");
        int start = options.ChannelStart, end = Math.Min(options.ChannelEnd ?? spec.Channels, spec.Channels);
        if (start < 0 || start >= end)
            throw new ArgumentOutOfRangeException(nameof(options), $"Channels {start}..{end - 1} are empty; layer '{layerId}' has channels 0..{spec.Channels - 1}.");
        if (options.Shard is { } shard) (start, end) = shard.Split(start, end);
        var neurons = db.Neurons.AsNoTracking().Where(n => n.LayerId == layer.Id && n.Index >= start && n.Index < end)
            .ToDictionary(n => n.Index, n => n.Id);
        var missing = Enumerable.Range(start, end - start).Where(c => !neurons.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The catalog has no neurons {Describe(missing)} of {options.Model.Id}/{layerId}. Run the dataset pass for those channels first.");
        var r = options.Render;
        var ids = neurons.Values.ToList();
        var stored = db.FeatureVisualizations.AsNoTracking()
            .Where(v => ids.Contains(v.NeuronId) && v.Steps == r.Steps && v.Size == r.ImageSize && v.Seed == r.Seed)
            .Select(v => new { v.NeuronId, v.Facet }).ToList()
            .GroupBy(v => v.NeuronId).ToDictionary(g => g.Key, g => g.Select(v => v.Facet).ToHashSet());
        return neurons.OrderBy(n => n.Key).Select(n =>
        {
            var facets = stored.GetValueOrDefault(n.Value) ?? [];
            bool needsFacets = options.Facets > 0 && !Enumerable.Range(0, options.Facets).All(facets.Contains);
            return new PendingNeuron(layerId, n.Key, n.Value, !facets.Contains(-1), needsFacets);
        }).Where(p => p.NeedsChannel || p.NeedsFacets).ToList();
    }

    private void Store(AtlasDbContext db, int neuronId, int facet, FeatureImage image, float activation)
    {
        var png = image.ToPng();
        var row = db.FeatureVisualizations.SingleOrDefault(v => v.NeuronId == neuronId && v.Facet == facet);
        if (row is null)
        {
            row = new FeatureVisualization { NeuronId = neuronId, Facet = facet, Hash = "" };
            db.FeatureVisualizations.Add(row);
        }
        row.Png = png;
        row.Hash = ContentHash.Of(png);
        row.Activation = activation;
        row.Steps = options.Render.Steps;
        row.Size = options.Render.ImageSize;
        row.Seed = options.Render.Seed;
    }

    private void SaveShardRecord(AtlasDbContext db, Core.Sharding.Shard shard)
    {
        var model = db.Models.AsNoTracking().Single(m => m.Id == options.Model.Id);
        var r = options.Render;
        // The dataset pass's time identifies the catalog the shards started from; shards must share it.
        var settings = $"model: {options.Model.Id}\nlayers: {string.Join(",", options.Layers)}\nchannels: {options.ChannelStart}..{options.ChannelEnd?.ToString() ?? "end"}\n" +
                       $"steps: {r.Steps}\nsize: {r.ImageSize}\nseed: {r.Seed}\nbatch: {options.BatchSize}\nfacets: {options.Facets}\n" +
                       $"diversity: {options.DiversityWeight:R}\ncatalog computed at: {model.ComputedAt:O}";
        db.PrecomputeShards.Where(s => s.Kind == ShardKinds.FeatureVis && s.ModelId == options.Model.Id).ExecuteDelete();
        db.PrecomputeShards.Add(new PrecomputeShard
        {
            Kind = ShardKinds.FeatureVis, ModelId = options.Model.Id, ShardIndex = shard.Index, ShardCount = shard.Count,
            Settings = settings, SettingsHash = ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(settings)), CompletedAt = DateTimeOffset.UtcNow,
        });
        db.SaveChanges();
    }

    private static string Describe(List<int> channels) =>
        channels.Count <= 6 ? string.Join(", ", channels) : $"{string.Join(", ", channels.Take(5))}, … ({channels.Count} in all)";

    private sealed record PendingNeuron(string LayerId, int Channel, int NeuronId, bool NeedsChannel, bool NeedsFacets);
}

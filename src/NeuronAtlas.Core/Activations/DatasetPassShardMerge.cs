using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Core.Sharding;

namespace NeuronAtlas.Core.Activations;

/// <summary>
/// Combines the image shards of a dataset pass into one catalog: the shards' accumulators merge
/// (<see cref="LayerAccumulator.Merge"/>, in image order) and are written as one whole pass over all their images would be.
/// </summary>
public static class DatasetPassShardMerge
{
    public static void Merge(ShardSet shards, string outPath)
    {
        if (shards.Kind != ShardKinds.DatasetPass) throw new ArgumentException($"{shards.Kind} shards are not dataset-pass shards.");
        var ordered = shards.Shards.OrderBy(s => s.Record.RangeStart).ToList();
        for (int i = 1; i < ordered.Count; i++)
            if (ordered[i].Record.RangeStart != ordered[i - 1].Record.RangeEnd)
                throw new InvalidDataException($"Shards do not tile the dataset: {ordered[i - 1].Path} ends at image {ordered[i - 1].Record.RangeEnd}, {ordered[i].Path} starts at {ordered[i].Record.RangeStart}.");

        ModelManifest? manifest = null;
        string datasetName = "";
        Dictionary<string, LayerAccumulator>? layers = null;
        var imageHashes = new Dictionary<int, (string Path, string Hash)>();
        foreach (var (path, record) in ordered)
        {
            using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(path));
            var model = db.Models.Single(m => m.Id == record.ModelId);
            manifest ??= JsonSerializer.Deserialize<ModelManifest>(model.ManifestJson, ModelManifest.JsonOptions)!;
            datasetName = model.DatasetName;
            var states = db.DatasetPassStates.Where(s => s.ModelId == record.ModelId).ToList()
                .ToDictionary(s => s.LayerId, s => LayerAccumulator.Deserialize(s.State));
            if (layers is null) layers = states;
            else
                foreach (var (layerId, accumulator) in states) layers[layerId].Merge(accumulator);
            foreach (var line in record.ImageHashes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                imageHashes[int.Parse(parts[0])] = (path, parts[1]);
            }
        }

        var used = layers!.Values.SelectMany(l => Enumerable.Range(l.ChannelStart, l.ChannelCount).SelectMany(c => l.TopK(c).Sorted().Select(e => e.ImageIndex)))
            .ToHashSet();
        var images = new Dictionary<int, DatasetImage>();
        foreach (var group in used.GroupBy(i => imageHashes[i].Path))
        {
            using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(group.Key));
            var hashes = group.Select(i => imageHashes[i].Hash).ToHashSet();
            var rows = db.Images.AsNoTracking().Where(i => hashes.Contains(i.Hash)).ToDictionary(i => i.Hash);
            foreach (int index in group) images[index] = rows[imageHashes[index].Hash];
        }

        var partial = outPath + ".partial";
        File.Delete(partial);
        using (var db = CatalogDatabase.OpenForWriting(partial))
        {
            using (var tx = db.Database.BeginTransaction())
            {
                new CatalogWriter(db).WriteDatasetPass(manifest!, datasetName, ordered[^1].Record.RangeEnd - ordered[0].Record.RangeStart, layers.Values.ToList(), images);
                tx.Commit();
            }
            db.Database.ExecuteSqlRaw("VACUUM;");
        }
        File.Move(partial, outPath, overwrite: true);
    }
}

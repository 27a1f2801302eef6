using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Sharding;

namespace NeuronAtlas.FeatureVis.Catalog;

/// <summary>
/// Combines the channel shards of a feature-visualization run. Every shard started as a copy of the same catalog, so the
/// merge starts from shard 0 and adds each other shard's visualizations that differ from it: the ones that shard rendered.
/// </summary>
public static class FeatureVisShardMerge
{
    public static void Merge(ShardSet shards, string outPath)
    {
        if (shards.Kind != ShardKinds.FeatureVis) throw new ArgumentException($"{shards.Kind} shards are not feature-vis shards.");
        var partial = outPath + ".partial";
        File.Copy(shards.Shards[0].Path, partial, overwrite: true);
        using (var db = CatalogDatabase.OpenForWriting(partial))
        {
            var neurons = db.Neurons.AsNoTracking().Where(n => n.Layer!.ModelId == shards.ModelId)
                .Select(n => new { n.Id, n.Index, n.Layer!.LayerId }).ToDictionary(n => (n.LayerId, n.Index), n => n.Id);
            foreach (var (path, _) in shards.Shards.Skip(1))
            {
                using var shard = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(path));
                var rendered = shard.FeatureVisualizations.AsNoTracking().Where(v => v.Neuron!.Layer!.ModelId == shards.ModelId)
                    .Select(v => new { v.Neuron!.Layer!.LayerId, v.Neuron.Index, Row = v }).ToList();
                foreach (var v in rendered)
                {
                    int neuronId = neurons.TryGetValue((v.LayerId, v.Index), out int id) ? id
                        : throw new InvalidDataException($"{path} has a visualization of {shards.ModelId}/{v.LayerId}/{v.Index}, a neuron {shards.Shards[0].Path} lacks: the shards did not start from the same catalog.");
                    var existing = db.FeatureVisualizations.SingleOrDefault(x => x.NeuronId == neuronId && x.Facet == v.Row.Facet);
                    if (existing?.Hash == v.Row.Hash) continue;
                    if (existing is null)
                    {
                        existing = new FeatureVisualization { NeuronId = neuronId, Facet = v.Row.Facet, Hash = "" };
                        db.FeatureVisualizations.Add(existing);
                    }
                    (existing.Hash, existing.Png, existing.Activation) = (v.Row.Hash, v.Row.Png, v.Row.Activation);
                    (existing.Steps, existing.Size, existing.Seed) = (v.Row.Steps, v.Row.Size, v.Row.Seed);
                }
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }
            db.PrecomputeShards.Where(s => s.Kind == ShardKinds.FeatureVis).ExecuteDelete();
            db.Database.ExecuteSqlRaw("VACUUM;");
        }
        File.Move(partial, outPath, overwrite: true);
    }
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Sharding;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>
/// Joins the phrase shards of a text-vis run: the merged catalog holds every phrase's rows as one unfinished run, which
/// the same text-vis command (without a shard) finishes by writing the top phrases and labels without computing again.
/// </summary>
public static class TextVisShardMerge
{
    internal static void SaveShardRecord(AtlasDbContext db, string modelId, Shard shard, string configHash, int firstPhrase, int endPhrase)
    {
        var run = db.Set<TextVisRun>().AsNoTracking().Single(r => r.ModelId == modelId);
        db.PrecomputeShards.Where(s => s.Kind == ShardKinds.TextVis && s.ModelId == modelId).ExecuteDelete();
        db.PrecomputeShards.Add(new PrecomputeShard
        {
            Kind = ShardKinds.TextVis, ModelId = modelId, ShardIndex = shard.Index, ShardCount = shard.Count,
            Settings = $"model: {modelId}\nlayers: {run.Layers}\nphrases: {run.PhraseCount}\nrenderings: {run.Renderings}\nsettings hash: {configHash[..12]}",
            SettingsHash = configHash, RangeStart = firstPhrase, RangeEnd = endPhrase, CompletedAt = DateTimeOffset.UtcNow,
        });
        db.SaveChanges();
    }

    public static void Merge(ShardSet shards, string outPath)
    {
        if (shards.Kind != ShardKinds.TextVis) throw new ArgumentException($"{shards.Kind} shards are not text-vis shards.");
        var partial = outPath + ".partial";
        File.Copy(shards.Shards[0].Path, partial, overwrite: true);
        using (var db = CatalogDatabase.OpenForWriting(partial))
        {
            foreach (var (path, record) in shards.Shards.Skip(1))
            {
                using var shard = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(path));
                var chunks = shard.Set<TextVisChunk>().AsNoTracking()
                    .Where(c => c.ModelId == shards.ModelId && c.FirstPhrase >= record.RangeStart && c.FirstPhrase < record.RangeEnd).ToList();
                db.Set<TextVisChunk>().Where(c => c.ModelId == shards.ModelId && c.FirstPhrase >= record.RangeStart && c.FirstPhrase < record.RangeEnd).ExecuteDelete();
                foreach (var chunk in chunks) chunk.Id = 0;
                db.Set<TextVisChunk>().AddRange(chunks);
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }
            var run = db.Set<TextVisRun>().Single(r => r.ModelId == shards.ModelId);
            run.NextPhrase = shards.Shards[^1].Record.RangeEnd;
            db.PrecomputeShards.Where(s => s.Kind == ShardKinds.TextVis).ExecuteDelete();
            db.SaveChanges();
            db.Database.ExecuteSqlRaw("VACUUM;");
        }
        File.Move(partial, outPath, overwrite: true);
    }
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Sharding;

/// <summary>
/// The shard catalogs given to <c>precompute merge</c>, checked to be every shard of one run exactly once:
/// each is a finished shard, all share kind, model and settings, none is given twice and none is missing.
/// </summary>
public sealed class ShardSet
{
    /// <summary>The shards in index order, each with its catalog path.</summary>
    public IReadOnlyList<(string Path, PrecomputeShard Record)> Shards { get; }

    public string Kind => Shards[0].Record.Kind;
    public string ModelId => Shards[0].Record.ModelId;

    private ShardSet(IReadOnlyList<(string, PrecomputeShard)> shards) => Shards = shards;

    public static ShardSet Open(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ArgumentException("Give the shard catalogs to merge.");
        var shards = paths.Select(p => (Path: p, Record: Read(p))).ToList();
        var first = shards[0];
        foreach (var other in shards.Skip(1))
        {
            var (a, b) = (first.Record, other.Record);
            if (a.Kind != b.Kind || a.ModelId != b.ModelId)
                throw new InvalidDataException($"Shards of different runs: {first.Path} is a {a.Kind} shard of '{a.ModelId}', {other.Path} a {b.Kind} shard of '{b.ModelId}'.");
            if (a.ShardCount != b.ShardCount)
                throw new InvalidDataException($"Shards of different configurations: {first.Path} is one of {a.ShardCount} shards, {other.Path} one of {b.ShardCount}.");
            if (a.SettingsHash != b.SettingsHash)
                throw new InvalidDataException($"Shards of different configurations: {first.Path} and {other.Path} were computed with different settings ({DescribeDifference(a.Settings, b.Settings)}).");
        }
        foreach (var twice in shards.GroupBy(s => s.Record.ShardIndex).Where(g => g.Count() > 1))
            throw new InvalidDataException($"Overlapping shards: {string.Join(" and ", twice.Select(s => s.Path))} are all shard {twice.Key} of {first.Record.ShardCount}.");
        var missing = Enumerable.Range(0, first.Record.ShardCount).Except(shards.Select(s => s.Record.ShardIndex)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"Missing shards: {string.Join(", ", missing)} of {first.Record.ShardCount} (given {shards.Count}). Run them, or pass their catalogs too.");
        return new ShardSet(shards.OrderBy(s => s.Record.ShardIndex).ToList());
    }

    private static PrecomputeShard Read(string path)
    {
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(path));
        var records = db.PrecomputeShards.ToList();
        if (records.Count == 1) return records[0];
        if (records.Count > 1)
            throw new InvalidDataException($"{path} holds shards of {records.Count} runs ({string.Join(", ", records.Select(r => $"{r.Kind} of {r.ModelId}"))}); merge each run from catalogs that hold it alone.");
        var unfinished = db.DatasetPassCheckpoints.FirstOrDefault();
        throw new InvalidDataException(unfinished is not null
            ? $"{path} is an unfinished shard (its dataset pass stopped at image {unfinished.NextImage} of {unfinished.TotalImages}). Rerun its command to finish it."
            : $"{path} is not a finished shard catalog: it was not written by a run with --shard-count, or that run has not finished. Rerun its command.");
    }

    private static string DescribeDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var x = i < left.Length ? left[i] : "(nothing)";
            var y = i < right.Length ? right[i] : "(nothing)";
            if (x != y) return $"'{x}' vs '{y}'";
        }
        return "the same listed settings, but different image files";
    }
}

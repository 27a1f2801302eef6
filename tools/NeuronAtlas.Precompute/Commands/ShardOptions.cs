using System.CommandLine;
using NeuronAtlas.Core.Sharding;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>
/// --shard-index and --shard-count: this process's part of a run split over several (e.g. the pods of a Kubernetes
/// Indexed Job, whose JOB_COMPLETION_INDEX gives the index).
/// </summary>
internal sealed class ShardOptions
{
    public const string IndexVariable = "JOB_COMPLETION_INDEX";

    public Option<int?> Index { get; } = new("--shard-index")
    {
        Description = $"This shard's index, 0..count-1. Defaults to the {IndexVariable} environment variable (Kubernetes Indexed Jobs).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(IndexVariable) is { Length: > 0 } v
            ? int.TryParse(v, out int i) ? i : throw new ArgumentException($"{IndexVariable}='{v}' is not a shard index.")
            : null,
    };

    public Option<int?> Count { get; } = new("--shard-count")
    {
        Description = "Split the work into this many shards and compute only one; 'precompute merge' combines the shard catalogs.",
    };

    /// <summary>The shard asked for, or null when the run is not sharded.</summary>
    public Shard? Read(ParseResult parse)
    {
        var count = parse.GetValue(Count);
        if (count is null)
        {
            if (parse.GetResult(Index) is { Implicit: false })
                throw new ArgumentException("--shard-index needs --shard-count.");
            return null;
        }
        var index = parse.GetValue(Index)
            ?? throw new ArgumentException($"--shard-count {count} needs --shard-index or the {IndexVariable} environment variable.");
        if (count < 1) throw new ArgumentException($"--shard-count must be at least 1 (got {count}).");
        if (index < 0 || index >= count) throw new ArgumentException($"Shard index {index} is outside 0..{count - 1} for --shard-count {count}.");
        return new Shard(index, count.Value);
    }
}

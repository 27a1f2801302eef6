namespace NeuronAtlas.Core.Sharding;

/// <summary>
/// One of <see cref="Count"/> equal parts of a piece of work (images of a dataset pass, channels of a layer), as a
/// Kubernetes Indexed Job hands out: pod <see cref="Index"/> of <see cref="Count"/>.
/// </summary>
public sealed record Shard
{
    public int Index { get; }
    public int Count { get; }

    public Shard(int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"The shard count must be at least 1 (got {count}).");
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), $"Shard index {index} is outside 0..{count - 1} for {count} shards.");
        Index = index;
        Count = count;
    }

    /// <summary>This shard's contiguous part [Start, End) of [start, end); the parts of all shards tile it, sizes differing by at most one.</summary>
    public (int Start, int End) Split(int start, int end)
    {
        long length = end - start;
        return (start + (int)(length * Index / Count), start + (int)(length * (Index + 1) / Count));
    }

    public override string ToString() => $"shard {Index} of {Count}";
}

namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>
/// Marks a catalog as one finished shard of a sharded precompute run, with what <c>precompute merge</c> needs to check
/// that a set of shards belongs together and to combine them.
/// </summary>
public sealed class PrecomputeShard
{
    /// <summary>What ran: <see cref="Sharding.ShardKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string ModelId { get; set; }
    public int ShardIndex { get; set; }
    public int ShardCount { get; set; }
    /// <summary>The settings every shard of the run shares, one "name: value" per line (shown when shards differ).</summary>
    public required string Settings { get; set; }
    /// <summary>SHA-256 of the settings plus what is too long to show (e.g. every image file name).</summary>
    public required string SettingsHash { get; set; }
    /// <summary>The shard's part of the work, end exclusive: images of a dataset pass, phrases of text-vis; 0..0 for feature-vis, whose channel ranges differ per layer.</summary>
    public int RangeStart { get; set; }
    public int RangeEnd { get; set; }
    /// <summary>Dataset passes: "index hash" lines for every image the shard's top-k lists refer to.</summary>
    public string ImageHashes { get; set; } = "";
    public DateTimeOffset CompletedAt { get; set; }
}

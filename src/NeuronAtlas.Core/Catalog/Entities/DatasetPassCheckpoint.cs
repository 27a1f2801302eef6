namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>
/// Progress of an unfinished dataset pass. The accumulated state lives in <see cref="DatasetPassState"/> rows
/// written in the same transaction, so a killed pass resumes from the last committed chunk.
/// </summary>
public sealed class DatasetPassCheckpoint
{
    public required string ModelId { get; set; }
    /// <summary>Hash of everything that determines the result (model, layers, dataset, k, shard).</summary>
    public required string ConfigHash { get; set; }
    public int NextImage { get; set; }
    public int TotalImages { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

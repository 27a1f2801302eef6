namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>The serialized accumulator of one layer of an unfinished dataset pass.</summary>
public sealed class DatasetPassState
{
    public required string ModelId { get; set; }
    public required string LayerId { get; set; }
    public byte[] State { get; set; } = [];
}

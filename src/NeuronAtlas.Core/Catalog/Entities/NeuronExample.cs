namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A dataset image among a neuron's top-k, with its spatial activation map.</summary>
public sealed class NeuronExample
{
    public int Id { get; set; }
    public int NeuronId { get; set; }
    /// <summary>0 is the image that excites the neuron most.</summary>
    public int Rank { get; set; }
    public required string ImageHash { get; set; }
    /// <summary>The channel's mean activation over positions on this image: the ranking score.</summary>
    public float Activation { get; set; }
    /// <summary>The spatial map quantized to bytes: value = byte / 255 * MapMax (negatives clamp to 0).</summary>
    public byte[] SpatialMap { get; set; } = [];
    public float MapMax { get; set; }
    public Neuron? Neuron { get; set; }
    public DatasetImage? Image { get; set; }
}

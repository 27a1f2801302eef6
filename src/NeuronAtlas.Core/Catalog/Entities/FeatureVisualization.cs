namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>An image optimized to excite a neuron: the channel visualization (facet -1) or one diversity facet.</summary>
public sealed class FeatureVisualization
{
    public int Id { get; set; }
    public int NeuronId { get; set; }
    /// <summary>-1 for the channel objective alone, 0.. for the facets of a diversity run.</summary>
    public int Facet { get; set; } = -1;
    /// <summary>Lower-case hex SHA-256 of the PNG, first 32 characters; images are served by it.</summary>
    public required string Hash { get; set; }
    public byte[] Png { get; set; } = [];
    /// <summary>The neuron's channel-mean activation on the final image.</summary>
    public float Activation { get; set; }
    public int Steps { get; set; }
    public int Size { get; set; }
    public int Seed { get; set; }
    public Neuron? Neuron { get; set; }
}

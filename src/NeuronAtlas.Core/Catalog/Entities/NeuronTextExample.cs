namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>A phrase that, rendered as an image, excites the neuron strongly (text feature visualization).</summary>
public sealed class NeuronTextExample
{
    public int Id { get; set; }
    public int NeuronId { get; set; }
    public int Rank { get; set; }
    public required string Text { get; set; }
    public float Score { get; set; }
    public Neuron? Neuron { get; set; }
}

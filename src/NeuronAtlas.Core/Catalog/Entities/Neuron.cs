namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>One channel of a layer, with statistics of its activation over the dataset.</summary>
public sealed class Neuron
{
    public int Id { get; set; }
    public int LayerId { get; set; }
    /// <summary>The channel index within the layer.</summary>
    public int Index { get; set; }
    /// <summary>Mean over images of the channel's mean activation over positions.</summary>
    public float Mean { get; set; }
    public float Std { get; set; }
    public float Max { get; set; }
    /// <summary>Share of images on which the channel's mean activation is above zero.</summary>
    public float ActiveFraction { get; set; }
    /// <summary>Counts per bin of <see cref="Activations.ActivationHistogram"/>, little-endian int32.</summary>
    public byte[] Histogram { get; set; } = [];
    public string? Label { get; set; }
    public float? LabelConfidence { get; set; }
    /// <summary>Where the label came from: "note", "auto", ...</summary>
    public string? LabelSource { get; set; }
    /// <summary>Content hash of the top example image, for thumbnails in the layer grid.</summary>
    public string? TopImageHash { get; set; }
    public AtlasLayer? Layer { get; set; }
    public List<NeuronExample> Examples { get; set; } = [];
}

using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>The dot product of the position-averaged activation with a direction (one for all items, or one per item).</summary>
public sealed record LayerDirectionTerm(string LayerId, IReadOnlyList<float[]> Directions) : LayerTerm(LayerId)
{
    public override int? ItemCount => Directions.Count > 1 ? Directions.Count : null;

    public override string Description => Directions.Count == 1 ? $"direction({LayerId})" : $"direction({LayerId}, {Directions.Count} items)";

    /// <summary>Includes a hash of the vectors, which the description leaves out.</summary>
    public override string Key => KeyWithVectors(Directions);

    public override float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item)
    {
        var direction = Directions.Count == 1 ? Directions[0] : Directions[item];
        var means = SpatialMean.PerChannel(activations, layer.Channels, layer.Height * layer.Width, item);
        double dot = 0;
        for (int c = 0; c < layer.Channels; c++) dot += (double)direction[c] * means[c];
        return (float)dot;
    }

    public override ObjectiveTerm ToGraphTerm(LayerManifest layer)
    {
        if (Directions.Any(d => d.Length != layer.Channels))
            throw new ArgumentException($"{Description}: layer '{layer.Id}' has {layer.Channels} channels, the direction has {Directions.First(d => d.Length != layer.Channels).Length}.");
        return new ChannelWeightsTerm(layer.Tensor, Directions, SpatialReadout.Mean, Description);
    }
}

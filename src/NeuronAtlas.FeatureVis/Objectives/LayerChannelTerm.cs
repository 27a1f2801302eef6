using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// A channel's activation, averaged over positions (<see cref="SpatialReadout.Mean"/>: Lucent's channel) or at the
/// centre (<see cref="SpatialReadout.Centre"/>: Lucent's neuron). One channel for every item, or one per item.
/// </summary>
public sealed record LayerChannelTerm(string LayerId, IReadOnlyList<int> Channels, SpatialReadout Readout) : LayerTerm(LayerId)
{
    public override int? ItemCount => Channels.Count > 1 ? Channels.Count : null;

    public override string Description
    {
        get
        {
            var name = Readout == SpatialReadout.Mean ? "channel" : "neuron";
            var channels = Channels.Count == 1 ? Channels[0].ToString() : $"[{string.Join(",", Channels)}]";
            return $"{name}({LayerId}:{channels})";
        }
    }

    public override float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item)
    {
        int plane = layer.Height * layer.Width;
        int channel = Channels.Count == 1 ? Channels[0] : Channels[item];
        var values = activations.Slice((item * layer.Channels + channel) * plane, plane);
        return Readout == SpatialReadout.Centre ? values[layer.Height / 2 * layer.Width + layer.Width / 2] : SpatialMean.Of(values);
    }

    public override ObjectiveTerm ToGraphTerm(LayerManifest layer)
    {
        foreach (var channel in Channels)
            if (channel < 0 || channel >= layer.Channels)
                throw new ArgumentOutOfRangeException(nameof(layer), $"{Description}: channel {channel} is outside 0..{layer.Channels - 1} of layer '{layer.Id}'.");
        return ChannelWeightsTerm.OneHot(layer.Tensor, Channels, Readout, Description);
    }
}

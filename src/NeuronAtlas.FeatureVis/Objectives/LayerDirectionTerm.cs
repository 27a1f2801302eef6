using System.Security.Cryptography;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Autodiff.Objectives;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>The dot product of the position-averaged activation with a direction (one for all items, or one per item).</summary>
public sealed record LayerDirectionTerm(string LayerId, IReadOnlyList<float[]> Directions) : LayerTerm(LayerId)
{
    public override int? ItemCount => Directions.Count > 1 ? Directions.Count : null;

    public override string Description => Directions.Count == 1 ? $"direction({LayerId})" : $"direction({LayerId}, {Directions.Count} items)";

    /// <summary>Includes a hash of the vectors, which the description leaves out.</summary>
    public override string Key
    {
        get
        {
            var bytes = Directions.SelectMany(d => d.SelectMany(BitConverter.GetBytes)).ToArray();
            return $"{Description}#{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
        }
    }

    public override float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item)
    {
        int plane = layer.Height * layer.Width;
        var direction = Directions.Count == 1 ? Directions[0] : Directions[item];
        double dot = 0;
        for (int c = 0; c < layer.Channels; c++)
        {
            double sum = 0;
            foreach (var v in activations.Slice((item * layer.Channels + c) * plane, plane)) sum += v;
            dot += direction[c] * sum / plane;
        }
        return (float)dot;
    }

    public override Objective ToObjective(LayerManifest layer)
    {
        if (Directions.Any(d => d.Length != layer.Channels))
            throw new ArgumentException($"{Description}: layer '{layer.Id}' has {layer.Channels} channels, the direction has {Directions.First(d => d.Length != layer.Channels).Length}.");
        return Directions.Count == 1 ? Objective.Direction(layer.Tensor, Directions[0]) : Objective.Direction(layer.Tensor, Directions);
    }
}

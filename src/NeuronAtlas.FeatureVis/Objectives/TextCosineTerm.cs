using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// text:"a spider": the cosine between a CLIP model's image embedding and the unit text embedding of a phrase. The
/// embedding is read through a pseudo layer (<see cref="EmbeddingLayer"/>) that FeatureVis treats like any other.
/// </summary>
/// <param name="LayerId">The pseudo layer's id, <see cref="EmbeddingLayer.Id"/>.</param>
/// <param name="Direction">The phrase's unit text embedding.</param>
public sealed record TextCosineTerm(string LayerId, string Text, float[] Direction) : LayerTerm(LayerId)
{
    public override string Description => $"text(\"{Text}\")";

    /// <summary>Includes a hash of the direction, so another export of the model builds another graph.</summary>
    public override string Key => KeyWithVectors([Direction]);

    public override ObjectiveTerm ToGraphTerm(LayerManifest layer) => new CosineToDirectionTerm(layer.Tensor, Direction, Description);

    public override float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item) =>
        CosineToDirectionTerm.Cosine(activations.Slice(item * layer.Channels, layer.Channels), Direction);
}

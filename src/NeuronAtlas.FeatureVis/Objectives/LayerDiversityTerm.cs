using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// Lucid's diversity at a layer: minus the mean pairwise cosine similarity of the batch items' Gram matrices.
/// Added to a channel objective it pushes a batch towards different facets of the same neuron.
/// </summary>
public sealed record LayerDiversityTerm(string LayerId) : LayerTerm(LayerId)
{
    public override string Description => $"diversity({LayerId})";

    public override float? ReadOut(ReadOnlySpan<float> activations, LayerManifest layer, int item) => null;

    public override ObjectiveTerm ToGraphTerm(LayerManifest layer) => new DiversityTerm(layer.Tensor);
}

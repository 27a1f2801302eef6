using System.Globalization;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// What a feature visualization maximizes, over the layer ids of a model's manifest: a weighted sum of channel,
/// neuron, direction, diversity and text terms. Combine with + and -, scale with * and / by numbers, like Lucent's
/// objectives; <see cref="ToObjective"/> maps it onto the graph objective over the layers' tensors that the autodiff differentiates.
/// Text form: <see cref="ObjectiveExpression.Parse"/>.
/// </summary>
public sealed class LayerObjective
{
    private LayerObjective(IReadOnlyList<WeightedLayerTerm> terms) => Terms = terms;

    public IReadOnlyList<WeightedLayerTerm> Terms { get; }

    public static LayerObjective FromTerm(LayerTerm term) => new([new WeightedLayerTerm(1f, term)]);

    /// <summary>The mean activation of a channel over all positions (Lucent's channel).</summary>
    public static LayerObjective Channel(string layerId, int channel) => FromTerm(new LayerChannelTerm(layerId, [channel], SpatialReadout.Mean));

    /// <summary>Batch item i maximizes the mean activation of channelPerItem[i]: several neurons in one run.</summary>
    public static LayerObjective Channel(string layerId, IReadOnlyList<int> channelPerItem) =>
        FromTerm(new LayerChannelTerm(layerId, channelPerItem, SpatialReadout.Mean));

    /// <summary>A channel's activation at the centre position (Lucent's neuron).</summary>
    public static LayerObjective Neuron(string layerId, int channel) => FromTerm(new LayerChannelTerm(layerId, [channel], SpatialReadout.Centre));

    public static LayerObjective Neuron(string layerId, IReadOnlyList<int> channelPerItem) =>
        FromTerm(new LayerChannelTerm(layerId, channelPerItem, SpatialReadout.Centre));

    /// <summary>The dot product of the position-averaged activation with <paramref name="direction"/>.</summary>
    public static LayerObjective Direction(string layerId, float[] direction) => FromTerm(new LayerDirectionTerm(layerId, [direction]));

    public static LayerObjective Direction(string layerId, IReadOnlyList<float[]> directionPerItem) => FromTerm(new LayerDirectionTerm(layerId, directionPerItem));

    /// <summary>
    /// text:"a spider": the cosine between a CLIP model's image embedding and <paramref name="direction"/>, the phrase's
    /// unit text embedding. The manifest it renders with needs <see cref="EmbeddingLayer.AddTo"/>.
    /// </summary>
    public static LayerObjective Text(string text, float[] direction) => FromTerm(new TextCosineTerm(EmbeddingLayer.Id, text, direction));

    /// <summary>Lucid's diversity across the batch at a layer.</summary>
    public static LayerObjective Diversity(string layerId) => FromTerm(new LayerDiversityTerm(layerId));

    /// <summary>For example "channel(layer4:12) - 0.5 × channel(layer3:7)".</summary>
    public string Description => string.Concat(Terms.Select((t, i) =>
    {
        var sign = t.Weight < 0 ? (i == 0 ? "-" : " - ") : (i == 0 ? "" : " + ");
        var magnitude = MathF.Abs(t.Weight);
        var factor = magnitude == 1f ? "" : magnitude.ToString("G4", CultureInfo.InvariantCulture) + " × ";
        return sign + factor + t.Term.Description;
    }));

    /// <summary>Equal keys build identical gradient graphs (for a given batch size).</summary>
    public string Key => string.Join(" + ", Terms.Select(t => $"{t.Weight.ToString("R", CultureInfo.InvariantCulture)}*{t.Term.Key}"));

    /// <summary>The number of batch items the per-item terms are written for, or null when every term is shared.</summary>
    public int? ItemCount
    {
        get
        {
            var counts = Terms.Select(t => t.Term.ItemCount).OfType<int>().Distinct().ToList();
            return counts.Count switch
            {
                0 => null,
                1 => counts[0],
                _ => throw new InvalidOperationException($"{Description}: the per-item terms disagree on the batch size ({string.Join(", ", counts)})."),
            };
        }
    }

    /// <summary>True when some term gives a value per item (channel, neuron, direction); false for diversity alone.</summary>
    public bool HasPerItemTerms => Terms.Any(t => t.Term is not LayerDiversityTerm);

    public bool HasDiversity => Terms.Any(t => t.Term is LayerDiversityTerm);

    /// <summary>The graph objective over the manifest's tensors; throws naming the layer or channel that does not exist.</summary>
    /// <param name="optimizedTensor">
    /// Maps a layer's tensor to the tensor the gradient graph reads instead (for example a ReLU's input), for every
    /// term but diversity; null reads the layers' own tensors.
    /// </param>
    public GraphObjective ToObjective(ModelManifest manifest, Func<string, string>? optimizedTensor = null)
    {
        if (Terms.Count == 0) throw new InvalidOperationException("The objective has no terms.");
        return new GraphObjective(Terms.Select(t =>
        {
            var layer = manifest.GetLayer(t.Term.LayerId);
            if (optimizedTensor is not null && t.Term is not LayerDiversityTerm) layer = layer with { Tensor = optimizedTensor(layer.Tensor) };
            return new WeightedTerm(t.Weight, t.Term.ToGraphTerm(layer));
        }).ToList());
    }

    /// <summary>The layer ids whose activations <see cref="ReadOut"/> needs.</summary>
    public IReadOnlyList<string> PerItemLayers => Terms.Where(t => t.Term is not LayerDiversityTerm).Select(t => t.Term.LayerId).Distinct().ToList();

    /// <summary>
    /// The per-item terms' weighted sum for batch item <paramref name="item"/>, computed from the layers' activations
    /// (by layer id, each [N, C, H, W]); diversity is left out.
    /// </summary>
    public float ReadOut(IReadOnlyDictionary<string, float[]> activations, ModelManifest manifest, int item)
    {
        float total = 0;
        foreach (var (weight, term) in Terms)
            if (term.ReadOut(activations[term.LayerId], manifest.GetLayer(term.LayerId), item) is { } value)
                total += weight * value;
        return total;
    }

    public static LayerObjective operator +(LayerObjective a, LayerObjective b) => new([.. a.Terms, .. b.Terms]);

    public static LayerObjective operator -(LayerObjective a, LayerObjective b) => a + -b;

    public static LayerObjective operator -(LayerObjective a) => a * -1f;

    public static LayerObjective operator *(LayerObjective a, float factor) =>
        new(a.Terms.Select(t => t with { Weight = t.Weight * factor }).ToList());

    public static LayerObjective operator *(float factor, LayerObjective a) => a * factor;

    public static LayerObjective operator /(LayerObjective a, float divisor) =>
        divisor != 0 ? a * (1f / divisor) : throw new DivideByZeroException("An objective cannot be divided by zero.");

    public override string ToString() => Description;
}

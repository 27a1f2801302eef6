using System.Globalization;

namespace NeuronAtlas.Onnx.Autodiff.Objectives;

/// <summary>
/// A weighted sum of objective terms, the quantity a gradient graph differentiates. Per-item terms add up
/// to one value per batch item; batch terms (diversity, sums) add one value for the whole batch. The
/// gradient taken is that of the total: the sum over items plus the batch terms.
/// Combine with + and -, and scale with * and / by numbers.
/// </summary>
public sealed class Objective
{
    private Objective(IReadOnlyList<WeightedTerm> terms) => Terms = terms;

    public IReadOnlyList<WeightedTerm> Terms { get; }

    /// <summary>For example "2 × channel(layer3:5) - 0.5 × diversity(layer3)".</summary>
    public string Description => DescribeWeightedSum(Terms.Select(t => (t.Weight, t.Term.Description)));

    /// <summary>Writes weighted terms as "a + 2 × b - 0.5 × c"; shared with the layer-level objectives of FeatureVis.</summary>
    public static string DescribeWeightedSum(IEnumerable<(float Weight, string Term)> terms) => string.Concat(terms.Select((t, i) =>
    {
        var sign = t.Weight < 0 ? (i == 0 ? "-" : " - ") : (i == 0 ? "" : " + ");
        var magnitude = MathF.Abs(t.Weight);
        var factor = magnitude == 1f ? "" : magnitude.ToString("G4", CultureInfo.InvariantCulture) + " × ";
        return sign + factor + t.Term;
    }));

    /// <summary>The activation tensors the objective reads.</summary>
    public IEnumerable<string> Tensors => Terms.Select(t => t.Term.Tensor).Distinct();

    public bool HasPerItemTerms => Terms.Any(t => t.Term.IsPerItem);

    public static Objective FromTerm(ObjectiveTerm term) => new([new WeightedTerm(1f, term)]);

    /// <summary>The mean activation of channel <paramref name="channel"/> over all positions, for every item.</summary>
    public static Objective Channel(string tensor, int channel) =>
        OneHot(tensor, [channel], SpatialReadout.Mean, $"channel({tensor}:{channel})");

    /// <summary>Batch item i maximizes the mean of channel channelPerItem[i].</summary>
    public static Objective Channel(string tensor, IReadOnlyList<int> channelPerItem) =>
        OneHot(tensor, channelPerItem, SpatialReadout.Mean, $"channel({tensor}:[{string.Join(",", channelPerItem)}])");

    /// <summary>The activation of channel <paramref name="channel"/> at the centre position.</summary>
    public static Objective Neuron(string tensor, int channel) =>
        OneHot(tensor, [channel], SpatialReadout.Centre, $"neuron({tensor}:{channel})");

    /// <summary>Batch item i maximizes channel channelPerItem[i] at the centre position.</summary>
    public static Objective Neuron(string tensor, IReadOnlyList<int> channelPerItem) =>
        OneHot(tensor, channelPerItem, SpatialReadout.Centre, $"neuron({tensor}:[{string.Join(",", channelPerItem)}])");

    /// <summary>The dot product of the position-averaged activation with <paramref name="direction"/> (length C).</summary>
    public static Objective Direction(string tensor, float[] direction) =>
        FromTerm(new ChannelWeightsTerm(tensor, [direction], SpatialReadout.Mean, $"direction({tensor})"));

    /// <summary>Batch item i maximizes the dot product with directionPerItem[i].</summary>
    public static Objective Direction(string tensor, IReadOnlyList<float[]> directionPerItem) =>
        FromTerm(new ChannelWeightsTerm(tensor, directionPerItem, SpatialReadout.Mean, $"direction({tensor}, per item)"));

    /// <summary>Lucid's diversity across the batch at a layer (see <see cref="DiversityTerm"/>).</summary>
    public static Objective Diversity(string tensor) => FromTerm(new DiversityTerm(tensor));

    /// <summary>The sum of every element of a tensor.</summary>
    public static Objective Sum(string tensor) => FromTerm(new TensorSumTerm(tensor));

    /// <summary>Reads "tensor:channel" as a channel objective.</summary>
    public static Objective Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
            throw new FormatException($"'{text}' is not of the form tensor:channel.");
        return Channel(text[..colon], channel);
    }

    public static Objective operator +(Objective a, Objective b) => new([.. a.Terms, .. b.Terms]);

    public static Objective operator -(Objective a, Objective b) => a + -b;

    public static Objective operator -(Objective a) => a * -1f;

    public static Objective operator *(Objective a, float factor) =>
        new(a.Terms.Select(t => t with { Weight = t.Weight * factor }).ToList());

    public static Objective operator *(float factor, Objective a) => a * factor;

    public static Objective operator /(Objective a, float divisor) => a * (1f / divisor);

    public override string ToString() => Description;

    private static Objective OneHot(string tensor, IReadOnlyList<int> channels, SpatialReadout readout, string description) =>
        FromTerm(ChannelWeightsTerm.OneHot(tensor, channels, readout, description));
}

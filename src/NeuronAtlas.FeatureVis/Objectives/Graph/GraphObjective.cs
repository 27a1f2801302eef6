using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// A <see cref="LayerObjective"/> mapped onto the model's tensors: a weighted sum of terms, appended to the forward
/// graph. Per-item terms add up to one value per batch item ([N]); batch terms (diversity) add one value for the
/// whole batch. The gradient taken is that of the total: the sum over items plus the batch terms.
/// </summary>
public sealed class GraphObjective : IGraphObjective
{
    public GraphObjective(IReadOnlyList<WeightedTerm> terms)
    {
        if (terms.Count == 0) throw new ArgumentException("The objective has no terms.", nameof(terms));
        Terms = terms;
    }

    public IReadOnlyList<WeightedTerm> Terms { get; }

    public IEnumerable<string> Tensors => Terms.Select(t => t.Term.Tensor).Distinct();

    public ObjectiveOutputs Emit(GraphEmitter emitter, ResolvedTensors resolved, int batchSize)
    {
        string? perItem = null;
        string? batch = null;
        foreach (var (weight, term) in Terms)
        {
            var value = term.Emit(emitter, resolved.Shape(term.Tensor), batchSize);
            var weighted = weight == 1f ? value : emitter.Scale(value, weight);
            if (term.IsPerItem) perItem = perItem is null ? weighted : emitter.Add(perItem, weighted);
            else batch = batch is null ? weighted : emitter.Add(batch, weighted);
        }
        var itemTotal = perItem is null ? null : emitter.ReduceSum(perItem, [0], keepDims: false);
        var total = (itemTotal, batch) switch
        {
            (not null, not null) => emitter.Add(itemTotal, batch),
            (not null, null) => itemTotal,
            _ => batch!,
        };
        return new ObjectiveOutputs(perItem, total);
    }

    public override string ToString() => string.Join(" + ", Terms.Select(t => $"{t.Weight} × {t.Term.Description}"));
}

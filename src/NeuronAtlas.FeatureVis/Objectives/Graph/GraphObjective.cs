using NeuronAtlas.Onnx.Graph;

namespace NeuronAtlas.Onnx.Autodiff.Objectives;

/// <summary>Appends an objective's nodes to a graph: the weighted per-item sum ([N]) and the total (a scalar).</summary>
internal static class ObjectiveEmitter
{
    public static (string? PerItem, string Total) Emit(Objective objective, GraphEmitter emitter, ResolvedTensors resolved, int batchSize)
    {
        if (objective.Terms.Count == 0) throw new ArgumentException("The objective has no terms.", nameof(objective));
        string? perItem = null;
        string? batch = null;
        foreach (var (weight, term) in objective.Terms)
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
        return (perItem, total);
    }
}

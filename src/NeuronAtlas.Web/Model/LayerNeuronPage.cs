namespace NeuronAtlas.Web.Model;

/// <summary>One page of a layer's neuron grid (pages count from 1).</summary>
public sealed record LayerNeuronPage(
    string ModelId,
    string ModelDisplayName,
    LayerSummary Layer,
    int Page,
    int PageSize,
    int PageCount,
    int NeuronCount,
    IReadOnlyList<NeuronSummary> Neurons);

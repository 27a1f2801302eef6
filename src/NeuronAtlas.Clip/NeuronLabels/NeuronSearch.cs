namespace NeuronAtlas.Clip.NeuronLabels;

/// <summary>Neuron search across models: each model's <see cref="NeuronSearchIndex"/>, hits merged by score.</summary>
public sealed class NeuronSearch(IEnumerable<NeuronSearchIndex> indices)
{
    private readonly IReadOnlyList<NeuronSearchIndex> _indices = indices.ToList();

    public IReadOnlyList<string> ModelIds => _indices.Select(i => i.ModelId).ToList();

    /// <param name="modelId">Only this model's neurons; all models when null.</param>
    /// <param name="layerId">Only this layer's neurons; all layers when null.</param>
    public IReadOnlyList<NeuronSearchHit> Search(string query, int limit = 20, string? modelId = null, string? layerId = null) =>
        _indices.Where(i => modelId is null || i.ModelId == modelId)
            .SelectMany(i => i.Search(query, limit, layerId))
            .OrderByDescending(h => h.Score).ThenBy(h => h.ModelId, StringComparer.Ordinal)
            .ThenBy(h => h.LayerId, StringComparer.Ordinal).ThenBy(h => h.Neuron)
            .Take(limit)
            .ToList();
}

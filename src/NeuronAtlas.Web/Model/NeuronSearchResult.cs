namespace NeuronAtlas.Web.Model;

/// <summary>The neurons that best match a text query, best first.</summary>
/// <param name="ModelId">The model searched; null when all models were.</param>
/// <param name="SemanticModels">The models whose neurons were also compared by CLIP text embedding (the others by text match only).</param>
public sealed record NeuronSearchResult(string Query, string? ModelId, string? LayerId, IReadOnlyList<string> SemanticModels, IReadOnlyList<NeuronSearchResultHit> Hits);

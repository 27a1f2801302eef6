namespace NeuronAtlas.Web.Model;

/// <summary>A neuron that matches a search query.</summary>
/// <param name="Score">Semantic + Lexical; higher is better (see docs/api.md, "Search").</param>
/// <param name="Semantic">The CLIP cosine part, in [-1, 1]; 0 for models without a text encoder.</param>
/// <param name="Lexical">The text-match part: 2 exact label, 1 label word match, plus 0.5 for an exact top phrase.</param>
/// <param name="ThumbnailUrl">The neuron's feature visualization, else its top dataset example; null when it has neither.</param>
/// <param name="ThumbnailFlagged">The thumbnail is a flagged dataset image (shown blurred).</param>
public sealed record NeuronSearchResultHit(
    string ModelId,
    string ModelDisplayName,
    string LayerId,
    int Index,
    string? Label,
    string? LabelSource,
    float Score,
    float Semantic,
    float Lexical,
    string Url,
    string ApiUrl,
    string? ThumbnailUrl,
    bool ThumbnailFlagged);

namespace NeuronAtlas.Web.Model;

/// <summary>A neuron as a tile of the layer grid.</summary>
/// <param name="TopExampleUrl">Thumbnail of the dataset image that excites it most; null when it has no examples.</param>
/// <param name="FeatureVisualizationUrl">Its channel visualization; null until one is computed.</param>
public sealed record NeuronSummary(
    int Index,
    string? Label,
    float Max,
    string Url,
    string ApiUrl,
    string? TopExampleUrl,
    bool TopExampleFlagged,
    string? FeatureVisualizationUrl);

namespace NeuronAtlas.Web.Model;

/// <summary>Everything the neuron page shows, also returned by GET /api/models/{model}/layers/{layer}/neurons/{neuron}.</summary>
/// <param name="NotesHtml">The notes rendered from Markdown with raw HTML disabled.</param>
/// <param name="PreviousUrl">The neuron before this one in the layer; null for the first.</param>
public sealed record NeuronDetail(
    string ModelId,
    string ModelDisplayName,
    string LayerId,
    string LayerDisplayName,
    int Index,
    int LayerChannels,
    string? Label,
    string? LabelSource,
    NeuronStats Stats,
    IReadOnlyList<HistogramBin> Histogram,
    IReadOnlyList<NeuronExampleView> Examples,
    string? NotesMarkdown,
    string? NotesHtml,
    string? FeatureVisualizationUrl,
    string Url,
    string ApiUrl,
    string? PreviousUrl,
    string? NextUrl);

namespace NeuronAtlas.Web.Model;

/// <summary>Everything the neuron page shows, also returned by GET /api/models/{model}/layers/{layer}/neurons/{neuron}.</summary>
/// <param name="LabelSource">"note" (from data/notes), "auto" (CLIP-Dissect over text feature visualization) or null.</param>
/// <param name="LabelConfidence">For automatic labels, the CLIP-Dissect similarity in [-1, 1]; null for notes.</param>
/// <param name="NotesHtml">The notes rendered from Markdown with raw HTML disabled.</param>
/// <param name="FeatureVisualizationUrl">The channel visualization (an image optimized to excite the neuron); null until computed.</param>
/// <param name="FeatureVisualizationActivation">The neuron's channel-mean activation on that image.</param>
/// <param name="Facets">Diversity facets: different images that all excite the neuron, facet 0 first.</param>
/// <param name="TextExamples">Text feature visualization: the phrases that excite the neuron most, best first (CLIP models).</param>
/// <param name="VisualizeUrl">The live visualizer with this neuron's channel objective.</param>
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
    float? LabelConfidence,
    NeuronStats Stats,
    IReadOnlyList<HistogramBin> Histogram,
    IReadOnlyList<NeuronExampleView> Examples,
    string? NotesMarkdown,
    string? NotesHtml,
    string? FeatureVisualizationUrl,
    float? FeatureVisualizationActivation,
    IReadOnlyList<FeatureVisFacetView> Facets,
    IReadOnlyList<TextExampleView> TextExamples,
    string VisualizeUrl,
    string Url,
    string ApiUrl,
    string? PreviousUrl,
    string? NextUrl);

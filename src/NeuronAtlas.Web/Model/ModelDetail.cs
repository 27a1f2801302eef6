namespace NeuronAtlas.Web.Model;

/// <summary>A model and its layers, input side first: the model page and GET /api/models/{model}.</summary>
public sealed record ModelDetail(ModelSummary Model, IReadOnlyList<LayerSummary> Layers);

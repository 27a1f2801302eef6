namespace NeuronAtlas.Web.Model;

/// <summary>A model as listed on the home page and by GET /api/models.</summary>
public sealed record ModelSummary(
    string Id,
    string DisplayName,
    string Description,
    string Licence,
    string Source,
    string DatasetName,
    int DatasetImageCount,
    DateTimeOffset ComputedAt,
    int LayerCount,
    int NeuronCount,
    string Url,
    string ApiUrl);

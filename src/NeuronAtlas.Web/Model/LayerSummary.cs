namespace NeuronAtlas.Web.Model;

/// <summary>A layer: its tensor shape [Channels, Height, Width] and where its pages are.</summary>
public sealed record LayerSummary(
    string Id,
    string DisplayName,
    string Description,
    int Channels,
    int Height,
    int Width,
    string Url,
    string ApiUrl);

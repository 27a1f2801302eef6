using System.Text.Json.Serialization;

namespace NeuronAtlas.Web.Model;

/// <summary>What an uploaded image excites: for each layer, input side first, the neurons that fire most.</summary>
/// <param name="Format">The detected format (JPEG, PNG, Webp, GIF or BMP), whatever the file's name said.</param>
/// <param name="ModelInputJpeg">The resized, centre-cropped image the model saw (for the page; not in JSON).</param>
public sealed record LookupResult(
    string ModelId,
    string ModelDisplayName,
    string Format,
    int ImageWidth,
    int ImageHeight,
    IReadOnlyList<LookupLayer> Layers,
    [property: JsonIgnore] byte[] ModelInputJpeg);

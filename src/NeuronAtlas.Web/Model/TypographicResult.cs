using System.Text.Json.Serialization;

namespace NeuronAtlas.Web.Model;

/// <summary>A typographic attack on an uploaded image: CLIP's zero-shot labels and the neurons, before and after drawing the text.</summary>
/// <param name="PixelsChanged">The share of the model input's pixels that the text altered.</param>
/// <param name="Target">The class the text aims for, when it is in the label set; null otherwise.</param>
/// <param name="ChangedLayers">Per layer, input side first, the neurons the text changed most.</param>
/// <param name="BeforeJpeg">The model input without the text (for the page; not in JSON).</param>
/// <param name="AfterPng">The model input with the text (for the page; not in JSON).</param>
public sealed record TypographicResult(
    string ModelId,
    string ModelDisplayName,
    string Text,
    double PixelsChanged,
    ZeroShotLabels Before,
    ZeroShotLabels After,
    TypographicTarget? Target,
    IReadOnlyList<ChangedLayer> ChangedLayers,
    [property: JsonIgnore] byte[] BeforeJpeg,
    [property: JsonIgnore] byte[] AfterPng);

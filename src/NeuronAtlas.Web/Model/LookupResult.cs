using System.Text.Json.Serialization;

namespace NeuronAtlas.Web.Model;

/// <summary>What an uploaded image excites: for each layer, input side first, the neurons that fire most.</summary>
/// <param name="Format">The detected format (JPEG, PNG, Webp, GIF or BMP), whatever the file's name said.</param>
/// <param name="ZeroShot">For CLIP models, the most probable zero-shot labels; null for other models.</param>
/// <param name="ModelInputJpeg">The resized, centre-cropped image the model saw, when the caller asked for it (the page does; not in JSON).</param>
/// <param name="ImageEmbedding">For CLIP models, the image embedding, so the page can relabel without another upload (not in JSON).</param>
public sealed record LookupResult(
    string ModelId,
    string ModelDisplayName,
    string Format,
    int ImageWidth,
    int ImageHeight,
    ZeroShotLabels? ZeroShot,
    IReadOnlyList<LookupLayer> Layers,
    [property: JsonIgnore] byte[]? ModelInputJpeg,
    [property: JsonIgnore] float[]? ImageEmbedding);

using NeuronAtlas.Core.Models;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// A CLIP model's image embedding ([N, D]) presented to FeatureVis as a layer of D channels on a 1×1 grid, so that
/// objectives on it (<see cref="TextCosineTerm"/>) render through <see cref="Render.FeatureVisRenderer"/>.
/// </summary>
public static class EmbeddingLayer
{
    public const string Id = "clip_image_embedding";

    /// <summary>The manifest with the pseudo layer appended; manifests without an embedding are returned as they are.</summary>
    public static ModelManifest AddTo(ModelManifest manifest)
    {
        if (manifest.Embedding is not { } embedding || manifest.Layers.Any(l => l.Id == Id)) return manifest;
        var layer = new LayerManifest
        {
            Id = Id, DisplayName = "image embedding", Tensor = embedding.Tensor, Channels = embedding.Dimensions, Height = 1, Width = 1,
            Kind = LayerKind.Tokens, Description = "CLIP's image embedding (for text objectives).",
        };
        return manifest with { Layers = [.. manifest.Layers, layer] };
    }
}

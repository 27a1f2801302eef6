namespace NeuronAtlas.Clip.Catalog;

/// <summary>A model the default atlas ships, and what a first start computes for it.</summary>
/// <param name="ModelId">Its folder under data/models/.</param>
/// <param name="Dataset">The dataset of its examples, as <see cref="Core.Datasets.ImageSources.Open"/> takes it.</param>
/// <param name="TextVisLayers">The layers that get text feature visualization and CLIP-Dissect labels (none when empty).</param>
public sealed record EmbeddedModel(string ModelId, string Dataset, IReadOnlyList<string> TextVisLayers);

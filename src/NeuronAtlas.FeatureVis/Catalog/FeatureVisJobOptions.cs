using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.FeatureVis.Catalog;

/// <summary>What <see cref="FeatureVisCatalogJob"/> renders and where it stores the results.</summary>
public sealed record FeatureVisJobOptions
{
    public required ModelManifest Model { get; init; }

    public required string CatalogPath { get; init; }

    /// <summary>Layer ids to render every neuron of.</summary>
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>Channels start..end-1 of each layer; end null means the layer's last channel.</summary>
    public int ChannelStart { get; init; }

    public int? ChannelEnd { get; init; }

    /// <summary>
    /// One of several equal parts of each layer's channel range; the finished shard gets a
    /// <see cref="Core.Catalog.Entities.PrecomputeShard"/> record for <see cref="FeatureVisShardMerge"/>.
    /// </summary>
    public Core.Sharding.Shard? Shard { get; init; }

    /// <summary>Steps, image size and seed; they identify a stored result, so a rerun with the same ones skips it.</summary>
    public RenderOptions Render { get; init; } = new();

    /// <summary>Neurons per channel-visualization batch. Defaults to 8.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Diversity facets per neuron (0: channel visualizations only). Defaults to 4.</summary>
    public int Facets { get; init; } = 4;

    public float DiversityWeight { get; init; } = FeatureVisRenderer.DefaultFacetDiversityWeight;

    public InferenceOptions Inference { get; init; } = new();
}

using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Activations;

/// <summary>What a dataset pass computes and where it writes.</summary>
public sealed record DatasetPassOptions
{
    public required ModelManifest Model { get; init; }
    public required string CatalogPath { get; init; }
    /// <summary>Examples kept per neuron.</summary>
    public int TopK { get; init; } = 16;
    public int BatchSize { get; init; } = 16;
    /// <summary>Images between checkpoints; rounded up to a whole number of batches.</summary>
    public int CheckpointEvery { get; init; } = 2048;
    /// <summary>Layer ids to compute; all of the manifest's when null.</summary>
    public IReadOnlyList<string>? Layers { get; init; }
    /// <summary>An image shard: the first image index and how many images (all remaining when null).</summary>
    public int ImageStart { get; init; }
    public int? ImageCount { get; init; }
    /// <summary>
    /// One of several equal image shards (instead of <see cref="ImageStart"/>/<see cref="ImageCount"/>). The finished
    /// shard keeps its accumulated state and a <see cref="Catalog.Entities.PrecomputeShard"/> record for <see cref="DatasetPassShardMerge"/>.
    /// </summary>
    public Sharding.Shard? Shard { get; init; }
    /// <summary>A neuron shard: the channel range computed in every chosen layer (all channels when null).</summary>
    public int ChannelStart { get; init; }
    public int? ChannelCount { get; init; }
    public InferenceOptions Inference { get; init; } = new();
    /// <summary>Threads decoding and resizing images while inference runs.</summary>
    public int DecodeWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Discard an unfinished pass's checkpoint instead of resuming it.</summary>
    public bool Restart { get; init; }
    public int ThumbnailSize { get; init; } = 160;

    public int EffectiveCheckpointEvery => (Math.Max(CheckpointEvery, BatchSize) + BatchSize - 1) / BatchSize * BatchSize;
}

/// <param name="Stage">"dataset pass" while images stream through the model, then "writing catalog".</param>
public sealed record DatasetPassProgress(string Stage, int Done, int Total, double ImagesPerSecond, TimeSpan? Eta);

/// <param name="Elapsed">The whole run: model loading, streaming, checkpoints and the catalog write.</param>
public sealed record DatasetPassResult(int Images, int SkippedImages, int ResumedFrom, TimeSpan Elapsed, double ImagesPerSecond)
{
    /// <summary>From the first batch to the last: decoding, inference, accumulation and checkpoints.</summary>
    public TimeSpan StreamingElapsed { get; init; }
    /// <summary>Thumbnails of the example images, the catalog rows and the VACUUM.</summary>
    public TimeSpan CatalogWriteElapsed { get; init; }
}

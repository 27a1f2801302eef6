using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>What a text feature visualization run computes and where it writes.</summary>
public sealed record TextVisOptions
{
    public required ModelManifest Model { get; init; }
    public required string CatalogPath { get; init; }
    public required IReadOnlyList<string> Phrases { get; init; }
    /// <summary>The folder of fonts to render with (data/fonts).</summary>
    public required string FontsDirectory { get; init; }
    /// <summary>Layer ids; the manifest's first (primary) layer when null.</summary>
    public IReadOnlyList<string>? Layers { get; init; }
    /// <summary>Images drawn per phrase; a phrase's score is the mean over them.</summary>
    public int Renderings { get; init; } = 4;
    /// <summary>Phrases per inference batch; a batch holds PhrasesPerBatch x Renderings images.</summary>
    public int PhrasesPerBatch { get; init; } = 4;
    /// <summary>Phrases kept per neuron.</summary>
    public int TopK { get; init; } = 16;
    /// <summary>Phrases between checkpoints.</summary>
    public int CheckpointEvery { get; init; } = 128;
    public bool Restart { get; init; }
    /// <summary>
    /// One of several equal phrase shards: only its phrases' rows are computed, and <see cref="TextVisShardMerge"/> joins the
    /// shards into one run that the same text-vis command, rerun without a shard, finishes (top phrases and labels).
    /// </summary>
    public Core.Sharding.Shard? Shard { get; init; }
    public InferenceOptions Inference { get; init; } = new();
    public int RenderWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>After the pass, label each neuron of a CLIP model from its profile (<see cref="ClipDissectLabeling"/>).</summary>
    public bool WriteLabels { get; init; } = true;
    /// <summary>
    /// A <see cref="Storage.TextVisArchive"/> to take the per-phrase rows from instead of computing them, when it was made
    /// with the same model files and settings (otherwise the run computes them and logs why the archive was not used).
    /// </summary>
    public string? Archive { get; init; }

    public IReadOnlyList<string> LayerIds => Layers ?? [Model.Layers[0].Id];
}

public sealed record TextVisResult(int Phrases, int ResumedFrom, TimeSpan Elapsed, double ImagesPerSecond, int LabelledNeurons);

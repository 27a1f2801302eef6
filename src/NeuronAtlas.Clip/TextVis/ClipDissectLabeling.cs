using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.NeuronLabels;
using NeuronAtlas.Clip.TextVis.Storage;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>
/// Labels every neuron of a layer with <see cref="ClipDissect"/>, using the rendered phrases of the model's finished
/// text-vis run as the probing set. Labels from notes (LabelSource "note") are never overwritten.
/// </summary>
public static class ClipDissectLabeling
{
    public const string LabelSource = "auto";

    /// <param name="concepts">The candidate labels; the run's own phrases (with their stored text embeddings) when null.</param>
    /// <param name="text">The model's text encoder; needed only when <paramref name="concepts"/> is given.</param>
    /// <returns>The labels, per layer id.</returns>
    public static Dictionary<string, NeuronLabel[]> Apply(AtlasDbContext db, string modelId, IReadOnlyList<string> layerIds,
        IReadOnlyList<string>? concepts = null, ClipTextEncoder? text = null)
    {
        var store = new TextVisStore(db, modelId);
        var run = store.Run();
        if (run is not { Completed: true })
            throw new InvalidOperationException($"'{modelId}' has no finished text-vis run in the catalog. Run 'precompute text-vis' first.");
        var (probeEmbeddings, dimensions) = store.ReadMatrix(TextVisTensors.ImageEmbedding);
        float[] conceptEmbeddings;
        if (concepts is null)
        {
            concepts = run.PhraseList();
            conceptEmbeddings = store.ReadMatrix(TextVisTensors.TextEmbedding).Rows;
        }
        else
        {
            if (text is null) throw new ArgumentNullException(nameof(text), "Custom concepts need the model's text encoder.");
            conceptEmbeddings = text.Embed(concepts).SelectMany(v => v).ToArray();
        }

        var result = new Dictionary<string, NeuronLabel[]>();
        foreach (var layerId in layerIds)
        {
            var (activations, channels) = store.ReadMatrix(layerId);
            var labels = ClipDissect.Label(activations, run.PhraseCount, channels, probeEmbeddings, conceptEmbeddings, dimensions, concepts);
            Write(db, modelId, layerId, labels);
            result[layerId] = labels;
        }
        return result;
    }

    private static void Write(AtlasDbContext db, string modelId, string layerId, NeuronLabel[] labels)
    {
        var neurons = db.Neurons.Where(n => n.Layer!.ModelId == modelId && n.Layer.LayerId == layerId && n.Index < labels.Length).ToList();
        foreach (var neuron in neurons.Where(n => n.LabelSource != "note"))
        {
            var label = labels[neuron.Index];
            neuron.Label = label.Concept;
            neuron.LabelConfidence = label.Concept is null ? null : label.Similarity;
            neuron.LabelSource = label.Concept is null ? null : LabelSource;
        }
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>
/// Stores each neuron's top phrases (highest score first, ties in vocabulary order) as NeuronTextExample rows. Only
/// phrases scoring above the neuron's lowest score over the vocabulary count, so a neuron that is constant over every
/// phrase (e.g. never active) gets none, and one active on only a few phrases gets only those.
/// </summary>
internal static class TextExamplesWriter
{
    /// <param name="scores">[phrases, channels]: each phrase's score for each channel.</param>
    public static int Write(AtlasDbContext db, string modelId, string layerId, float[] scores, int channels, IReadOnlyList<string> phrases, int k)
    {
        var layer = db.Layers.AsNoTracking().SingleOrDefault(l => l.ModelId == modelId && l.LayerId == layerId)
            ?? throw new InvalidOperationException($"The catalog has no layer '{layerId}' of '{modelId}'. Run 'precompute dataset-pass' for it first.");
        var neurons = db.Neurons.AsNoTracking().Where(n => n.LayerId == layer.Id).ToDictionary(n => n.Index, n => n.Id);
        var top = new TopKEntry[channels][];
        Parallel.For(0, channels, c =>
        {
            float lowest = float.PositiveInfinity;
            for (int p = 0; p < phrases.Count; p++) lowest = Math.Min(lowest, scores[p * channels + c]);
            var best = new StreamingTopK(k);
            for (int p = 0; p < phrases.Count; p++)
                if (scores[p * channels + c] > lowest) best.Offer(scores[p * channels + c], p, () => []);
            top[c] = best.Sorted();
        });

        using var tx = db.Database.BeginTransaction();
        db.TextExamples.Where(t => t.Neuron!.LayerId == layer.Id).ExecuteDelete();
        int written = 0;
        foreach (var (index, neuronId) in neurons.Where(n => n.Key < channels))
        {
            for (int rank = 0; rank < top[index].Length; rank++)
                db.TextExamples.Add(new NeuronTextExample
                {
                    NeuronId = neuronId, Rank = rank, Text = phrases[top[index][rank].ImageIndex], Score = top[index][rank].Score,
                });
            written++;
        }
        db.SaveChanges();
        tx.Commit();
        db.ChangeTracker.Clear();
        return written;
    }
}

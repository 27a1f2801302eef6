using NeuronAtlas.Clip.Encoders;

namespace NeuronAtlas.Clip.NeuronLabels;

/// <summary>
/// CLIP-Dissect's "cos³" neuron labelling (Oikarinen and Weng, 2023). Over a probing set of N inputs:
/// a neuron k has activations q_k (length N); a concept c has P_c, the cosines between the probes' CLIP image
/// embeddings and the concept's text embedding. Both are standardized over the probes (mean 0, std 1), cubed
/// element-wise and scaled to unit length; their dot product is sim(k, c) in [-1, 1]. The label is the concept
/// with the highest similarity.
/// </summary>
public static class ClipDissect
{
    /// <param name="activations">[probes, channels]: each probe's activation of each neuron.</param>
    /// <param name="probeEmbeddings">[probes, dimensions]: unit-length CLIP image embeddings of the probes.</param>
    /// <param name="conceptEmbeddings">[concepts, dimensions]: unit-length CLIP text embeddings of the concepts.</param>
    public static NeuronLabel[] Label(float[] activations, int probes, int channels, float[] probeEmbeddings, float[] conceptEmbeddings,
        int dimensions, IReadOnlyList<string> concepts)
    {
        if (activations.Length != probes * channels) throw new ArgumentException($"Expected {probes} x {channels} activations.");
        if (probeEmbeddings.Length != probes * dimensions) throw new ArgumentException($"Expected {probes} x {dimensions} probe embeddings.");
        if (conceptEmbeddings.Length != concepts.Count * dimensions) throw new ArgumentException($"Expected {concepts.Count} x {dimensions} concept embeddings.");
        if (concepts.Count < 2) throw new ArgumentException("Labelling needs at least two concepts.");

        var conceptProfiles = new float[concepts.Count][];
        Parallel.For(0, concepts.Count, s =>
        {
            var profile = new float[probes];
            var concept = conceptEmbeddings.AsSpan(s * dimensions, dimensions);
            for (int i = 0; i < probes; i++) profile[i] = EmbeddingVectors.Dot(probeEmbeddings.AsSpan(i * dimensions, dimensions), concept);
            conceptProfiles[s] = CubedUnit(profile);
        });

        var labels = new NeuronLabel[channels];
        Parallel.For(0, channels, c =>
        {
            var profile = new float[probes];
            for (int i = 0; i < probes; i++) profile[i] = activations[i * channels + c];
            var neuron = CubedUnit(profile);
            if (neuron is null)
            {
                labels[c] = new NeuronLabel(c, null, 0, null, 0);
                return;
            }
            int best = -1, second = -1;
            float bestSim = float.NegativeInfinity, secondSim = float.NegativeInfinity;
            for (int s = 0; s < concepts.Count; s++)
            {
                if (conceptProfiles[s] is not { } concept) continue;
                float sim = EmbeddingVectors.Dot(neuron, concept);
                if (sim > bestSim) { second = best; secondSim = bestSim; best = s; bestSim = sim; }
                else if (sim > secondSim) { second = s; secondSim = sim; }
            }
            labels[c] = best < 0 ? new NeuronLabel(c, null, 0, null, 0)
                : new NeuronLabel(c, concepts[best], bestSim, second < 0 ? null : concepts[second], second < 0 ? 0 : secondSim);
        });
        return labels;
    }

    /// <summary>Standardize, cube, scale to unit length; null for a constant profile, which carries no information.</summary>
    internal static float[]? CubedUnit(float[] values)
    {
        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        if (!(variance > 1e-20)) return null;
        double std = Math.Sqrt(variance), norm = 0;
        var cubed = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double z = (values[i] - mean) / std;
            cubed[i] = z * z * z;
            norm += cubed[i] * cubed[i];
        }
        norm = Math.Sqrt(norm);
        return cubed.Select(v => (float)(v / norm)).ToArray();
    }
}

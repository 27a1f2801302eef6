using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>Reduces a batch of renderings to one row per phrase.</summary>
internal static class RenderingAverages
{
    /// <summary>
    /// Per phrase and channel: the mean over its renderings of the channel's mean over positions.
    /// <paramref name="activations"/> is [phrases x renderings, channels, positions]; the result is [phrases, channels].
    /// </summary>
    public static float[] ChannelMeans(ReadOnlySpan<float> activations, int phrases, int renderings, int channels, int positions)
    {
        if (activations.Length != phrases * renderings * channels * positions)
            throw new ArgumentException($"Expected {phrases * renderings * channels * positions} activations, got {activations.Length}.");
        var rows = new float[phrases * channels];
        for (int p = 0; p < phrases; p++)
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < renderings; r++)
            {
                sum += SpatialMean.Of(activations, channels, positions, p * renderings + r, c);
            }
            rows[p * channels + c] = (float)(sum / renderings);
        }
        return rows;
    }

    /// <summary>Per phrase: the unit-length mean of its renderings' unit-length embeddings. [phrases x renderings, dims] to [phrases, dims].</summary>
    public static float[] UnitEmbeddings(ReadOnlySpan<float> embeddings, int phrases, int renderings, int dimensions)
    {
        var rows = new float[phrases * dimensions];
        for (int p = 0; p < phrases; p++)
        {
            var units = new List<float[]>(renderings);
            for (int r = 0; r < renderings; r++)
                units.Add(EmbeddingVectors.Normalized(embeddings.Slice((p * renderings + r) * dimensions, dimensions)));
            EmbeddingVectors.NormalizedMean(units).CopyTo(rows.AsSpan(p * dimensions, dimensions));
        }
        return rows;
    }
}

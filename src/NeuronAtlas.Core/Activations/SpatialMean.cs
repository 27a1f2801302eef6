namespace NeuronAtlas.Core.Activations;

/// <summary>
/// A channel's mean over its positions: the activation the catalog ranks neurons by, the lookup reports and the
/// feature-visualization objectives read out. Summed in double, so large maps lose no precision.
/// </summary>
public static class SpatialMean
{
    /// <summary>The mean of one channel's map.</summary>
    public static float Of(ReadOnlySpan<float> map)
    {
        double sum = 0;
        foreach (var v in map) sum += v;
        return (float)(sum / map.Length);
    }

    /// <summary>Channel <paramref name="channel"/> of batch item <paramref name="item"/> of an [N, C, positions] activation.</summary>
    public static float Of(ReadOnlySpan<float> activations, int channels, int positions, int item, int channel) =>
        Of(activations.Slice((item * channels + channel) * positions, positions));

    /// <summary>Every channel's mean for batch item <paramref name="item"/> of an [N, C, positions] activation.</summary>
    public static float[] PerChannel(ReadOnlySpan<float> activations, int channels, int positions, int item)
    {
        var means = new float[channels];
        for (int c = 0; c < channels; c++) means[c] = Of(activations, channels, positions, item, c);
        return means;
    }
}

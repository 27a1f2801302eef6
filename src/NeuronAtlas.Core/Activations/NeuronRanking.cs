namespace NeuronAtlas.Core.Activations;

/// <summary>
/// How the upload lookup ranks a layer's neurons for one image: by its mean activation over positions relative to the
/// neuron's dataset maximum (1.0 fires as strongly as on its best dataset image), highest first, ties in channel
/// order; neurons whose dataset maximum is not positive are not ranked.
/// </summary>
public static class NeuronRanking
{
    /// <param name="means">Each channel's spatial mean for the image (<see cref="SpatialMean"/>).</param>
    /// <param name="datasetMax">Each channel's largest spatial mean over the catalog's dataset.</param>
    public static int[] Top(float[] means, float[] datasetMax, int top)
    {
        if (means.Length != datasetMax.Length)
            throw new ArgumentException($"{means.Length} channel means for {datasetMax.Length} dataset maxima.");
        return Enumerable.Range(0, means.Length)
            .Where(c => datasetMax[c] > 0)
            .OrderByDescending(c => means[c] / datasetMax[c])
            .Take(top)
            .ToArray();
    }
}

namespace NeuronAtlas.Core.Activations;

/// <summary>One image in a channel's top-k: its score, its index in the dataset, and its spatial map.</summary>
public readonly record struct TopKEntry(float Score, int ImageIndex, float[] Map)
{
    /// <summary>Higher scores first; equal scores keep dataset order, so the result never depends on batching or sharding.</summary>
    public static bool IsBetter(float score, int image, float otherScore, int otherImage) =>
        score > otherScore || (score == otherScore && image < otherImage);
}

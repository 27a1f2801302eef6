namespace NeuronAtlas.Web.Lookup;

/// <summary>A layer's neurons as the lookup needs them, indexed by channel.</summary>
public sealed record LookupLayerData(
    string LayerId,
    string DisplayName,
    string TensorName,
    int Channels,
    int Height,
    int Width,
    float[] DatasetMax,
    string?[] Labels,
    string?[] TopImageHashes,
    bool[] TopImageFlagged)
{
    /// <summary>Each channel's mean over positions for one batch item of this layer's [N, C, H, W] activation.</summary>
    public float[] ChannelMeans(ReadOnlySpan<float> batchTensor, int batchSize, int item)
    {
        int plane = Height * Width, length = Channels * plane;
        if (batchTensor.Length != batchSize * length)
            throw new InvalidOperationException(
                $"Layer {LayerId} gave {batchTensor.Length} values for {batchSize} images; the catalog says {Channels}x{Height}x{Width}.");
        var itemValues = batchTensor.Slice(item * length, length);
        var means = new float[Channels];
        for (int c = 0; c < Channels; c++)
        {
            float sum = 0;
            foreach (float v in itemValues.Slice(c * plane, plane)) sum += v;
            means[c] = sum / plane;
        }
        return means;
    }
}

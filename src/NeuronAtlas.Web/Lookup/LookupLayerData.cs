using NeuronAtlas.Core.Activations;

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
        return SpatialMean.PerChannel(batchTensor, Channels, plane, item);
    }
}

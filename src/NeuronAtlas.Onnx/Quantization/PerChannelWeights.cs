namespace NeuronAtlas.Onnx.Quantization;

/// <summary>
/// A Conv weight [C_out, ...] quantized to int8 per output channel, symmetrically: channel c's scale is
/// max|W[c]| / 127 and its zero point 0.
/// </summary>
public sealed class PerChannelWeights
{
    public required sbyte[] Values { get; init; }
    public required float[] Scales { get; init; }

    public static PerChannelWeights Quantize(ReadOnlySpan<float> weights, int outputChannels)
    {
        if (outputChannels < 1 || weights.Length % outputChannels != 0)
            throw new ArgumentException($"{weights.Length} weights do not split into {outputChannels} output channels.");
        var perChannel = weights.Length / outputChannels;
        var values = new sbyte[weights.Length];
        var scales = new float[outputChannels];
        var limit = QuantizationParameters.SymmetricInt8Limit;
        for (var c = 0; c < outputChannels; c++)
        {
            var channel = weights.Slice(c * perChannel, perChannel);
            float maxAbs = 0;
            foreach (var w in channel) maxAbs = Math.Max(maxAbs, Math.Abs(w));
            var parameters = QuantizationParameters.SymmetricInt8(maxAbs);
            scales[c] = parameters.Scale;
            for (var i = 0; i < perChannel; i++) values[c * perChannel + i] = (sbyte)parameters.Quantize(channel[i], -limit, limit);
        }
        return new PerChannelWeights { Values = values, Scales = scales };
    }
}

namespace NeuronAtlas.Core.Activations;

/// <summary>Stores spatial maps as bytes for heatmaps: value = byte / 255 * max, negatives clamped to zero.</summary>
public static class SpatialMapQuantizer
{
    public static (byte[] Map, float Max) Quantize(ReadOnlySpan<float> map)
    {
        float max = 0;
        foreach (var v in map) max = Math.Max(max, v);
        var bytes = new byte[map.Length];
        if (max > 0)
            for (int i = 0; i < map.Length; i++)
                bytes[i] = (byte)Math.Round(Math.Clamp(map[i], 0, max) / max * 255);
        return (bytes, max);
    }

    public static float[] Dequantize(byte[] map, float max)
    {
        var values = new float[map.Length];
        for (int i = 0; i < values.Length; i++) values[i] = map[i] / 255f * max;
        return values;
    }
}

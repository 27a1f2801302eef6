namespace NeuronAtlas.Onnx.Quantization;

/// <summary>
/// One scale and zero point of ONNX's linear quantization: q = saturate(round_half_even(x / Scale) + ZeroPoint),
/// x ≈ (q - ZeroPoint) * Scale.
/// </summary>
public readonly record struct QuantizationParameters(float Scale, int ZeroPoint)
{
    /// <summary>
    /// Asymmetric uint8 parameters for an activation range, widened to include 0 so that zero (padding, a Relu's floor)
    /// is exact. A range of a single point gets scale 1.
    /// </summary>
    public static QuantizationParameters ForUInt8(ActivationRange range)
    {
        if (range.IsEmpty) throw new ArgumentException("The range is empty: no calibration values were seen.", nameof(range));
        double min = Math.Min(range.Min, 0), max = Math.Max(range.Max, 0);
        if (max == min) return new QuantizationParameters(1f, 0);
        var scale = (float)((max - min) / byte.MaxValue);
        var zeroPoint = (int)Math.Clamp(Math.Round(-min / scale, MidpointRounding.ToEven), 0, byte.MaxValue);
        return new QuantizationParameters(scale, zeroPoint);
    }

    /// <summary>
    /// Symmetric int8 parameters for values within ±<paramref name="maxAbs"/>: zero point 0, the range mapped to ±127
    /// (-128 is left unused, as ONNX Runtime's quantizer does, so that the range stays symmetric).
    /// </summary>
    public static QuantizationParameters SymmetricInt8(float maxAbs) =>
        new(maxAbs > 0 ? maxAbs / SymmetricInt8Limit : 1f, 0);

    public const int SymmetricInt8Limit = 127;

    /// <summary>ONNX QuantizeLinear of one value, saturated to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public int Quantize(float x, int low, int high) =>
        (int)Math.Clamp(MathF.Round(x / Scale, MidpointRounding.ToEven) + ZeroPoint, low, high);

    /// <summary>ONNX DequantizeLinear of one value.</summary>
    public float Dequantize(int q) => (q - ZeroPoint) * Scale;
}

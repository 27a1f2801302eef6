namespace NeuronAtlas.Onnx.Quantization;

/// <summary>The smallest and largest value a tensor took over the calibration images.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    public static ActivationRange Empty => new(float.PositiveInfinity, float.NegativeInfinity);

    public bool IsEmpty => Min > Max;

    public ActivationRange Include(ReadOnlySpan<float> values)
    {
        float min = Min, max = Max;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return new ActivationRange(min, max);
    }
}

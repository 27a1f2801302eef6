namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Surrounds the image with <paramref name="width"/> pixels of a constant value.</summary>
public sealed class PadStep(ImageShape input, int width, float value) : IResamplingStep
{
    public AffineSourceMap Map => AffineSourceMap.Translation(-width, -width);

    public float? Fill => value;

    public ImageShape Input { get; } = input;

    public ImageShape Output { get; } = input with { Height = input.Height + 2 * width, Width = input.Width + 2 * width };

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        output[..Output.Length].Fill(value);
        for (int c = 0; c < Input.Channels; c++)
            for (int y = 0; y < Input.Height; y++)
                input.Slice((c * Input.Height + y) * Input.Width, Input.Width)
                    .CopyTo(output.Slice((c * Output.Height + y + width) * Output.Width + width, Input.Width));
    }

    public void Adjoint(ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        for (int c = 0; c < Input.Channels; c++)
            for (int y = 0; y < Input.Height; y++)
                outputGradient.Slice((c * Output.Height + y + width) * Output.Width + width, Input.Width)
                    .CopyTo(inputGradient.Slice((c * Input.Height + y) * Input.Width, Input.Width));
    }
}

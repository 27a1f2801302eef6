namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Keeps the <paramref name="height"/> × <paramref name="width"/> window at (<paramref name="top"/>, <paramref name="left"/>).</summary>
public sealed class CropStep : IResamplingStep
{
    private readonly int _top;
    private readonly int _left;

    public CropStep(ImageShape input, int top, int left, int height, int width)
    {
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > input.Height || left + width > input.Width)
            throw new ArgumentOutOfRangeException(nameof(input), $"A {height}×{width} crop at ({top}, {left}) does not fit a {input} image.");
        Input = input;
        Output = input with { Height = height, Width = width };
        _top = top;
        _left = left;
    }

    public AffineSourceMap Map => AffineSourceMap.Translation(_top, _left);

    public float? Fill => null;

    public ImageShape Input { get; }

    public ImageShape Output { get; }

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int c = 0; c < Output.Channels; c++)
            for (int y = 0; y < Output.Height; y++)
                input.Slice((c * Input.Height + y + _top) * Input.Width + _left, Output.Width)
                    .CopyTo(output.Slice((c * Output.Height + y) * Output.Width, Output.Width));
    }

    public void Adjoint(ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        inputGradient[..Input.Length].Clear();
        for (int c = 0; c < Output.Channels; c++)
            for (int y = 0; y < Output.Height; y++)
                outputGradient.Slice((c * Output.Height + y) * Output.Width, Output.Width)
                    .CopyTo(inputGradient.Slice((c * Input.Height + y + _top) * Input.Width + _left, Output.Width));
    }
}

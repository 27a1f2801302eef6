namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Lucent's pad: a border of <see cref="Width"/> pixels of a constant value (0.5, mid-grey, by default).</summary>
public sealed record Pad(int Width, float Value = 0.5f) : IImageTransform
{
    public ITransformStep Sample(ImageShape input, Random random) =>
        Width >= 0 ? new PadStep(input, Width, Value) : throw new ArgumentOutOfRangeException(nameof(Width), "The pad width cannot be negative.");
}

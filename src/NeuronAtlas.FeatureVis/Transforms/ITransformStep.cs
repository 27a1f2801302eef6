namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// One drawn transform of a single CHW image: y = L·x + b with L linear (padding and out-of-image samples add the
/// constant b). <see cref="Adjoint"/> applies Lᵀ, which is the exact backward pass.
/// </summary>
public interface ITransformStep
{
    ImageShape Input { get; }

    ImageShape Output { get; }

    void Apply(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Writes Lᵀ·<paramref name="outputGradient"/> into <paramref name="inputGradient"/> (overwriting it).</summary>
    void Adjoint(ReadOnlySpan<float> outputGradient, Span<float> inputGradient);
}

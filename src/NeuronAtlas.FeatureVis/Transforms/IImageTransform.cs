namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// A random image transform, like Lucent's transform factories: each optimization step draws a fresh
/// <see cref="ITransformStep"/> (offsets, scale, angle) from the step's <see cref="Random"/>.
/// </summary>
public interface IImageTransform
{
    /// <summary>Draws this step's transform for images of shape <paramref name="input"/>.</summary>
    ITransformStep Sample(ImageShape input, Random random);
}

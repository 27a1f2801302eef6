namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>
/// A drawn step that samples its input at an affine function of the output position (padding, crops, scaling,
/// rotation, resizing), so that <see cref="Compose"/> can merge consecutive ones into a single bilinear resampling.
/// </summary>
public interface IResamplingStep : ITransformStep
{
    /// <summary>Output pixel (y, x) → the input position it shows.</summary>
    AffineSourceMap Map { get; }

    /// <summary>The value shown for positions outside the input, or null when the step never samples outside.</summary>
    float? Fill { get; }
}

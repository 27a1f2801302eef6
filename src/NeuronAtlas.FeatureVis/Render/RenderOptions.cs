using NeuronAtlas.FeatureVis.Transforms;

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>How a feature visualization is optimized. The defaults are Lucent's (see docs/featurevis.md).</summary>
public sealed record RenderOptions
{
    /// <summary>Side of the optimized square image in pixels; it is resized to the model's input size as the last transform. Defaults to 128.</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Optimization steps. Defaults to 512.</summary>
    public int Steps { get; init; } = 512;

    /// <summary>Adam's learning rate. Defaults to 0.05.</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>Seeds the initial images and every step's random transforms. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>Batch items when the objective has no per-item terms (a diversity run); otherwise the objective's item count wins. Defaults to 1.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// Per item, the key mixed with <see cref="Seed"/> into that item's random streams; defaults to the item index.
    /// Keying items by channel makes a neuron's image independent of the batch it was rendered in.
    /// </summary>
    public IReadOnlyList<int>? ItemSeeds { get; init; }

    /// <summary>Defaults to <see cref="ImageParameterizationKind.Fft"/>.</summary>
    public ImageParameterizationKind Parameterization { get; init; } = ImageParameterizationKind.Fft;

    /// <summary>FFT spectrum scaling 1/f^DecayPower. Defaults to 1.</summary>
    public float DecayPower { get; init; } = 1f;

    /// <summary>Defaults to true (Lucent's decorrelate=True).</summary>
    public bool DecorrelateColors { get; init; } = true;

    /// <summary>Random transforms applied before the final resize; null means <see cref="StandardTransforms.Create"/>, empty means none.</summary>
    public IReadOnlyList<IImageTransform>? Transforms { get; init; }

    /// <summary>
    /// Optimize a ReLU layer through the ReLU's input. A channel that is zero everywhere on the starting image gets
    /// no gradient through the ReLU and would never move (Lucid overrides the ReLU gradient for the same reason).
    /// Results are still measured on the layer's own tensor. Defaults to true.
    /// </summary>
    public bool OptimizePreActivation { get; init; } = true;

    /// <summary>
    /// Merge the affine transforms and the final resize into one bilinear resampling per step (see <see cref="Compose"/>):
    /// the same random geometry as Lucent's chain, several times cheaper and with one interpolation instead of five. Defaults to true.
    /// </summary>
    public bool FuseTransforms { get; init; } = true;

    /// <summary>Report the current images every this many steps (0: never). Defaults to 32.</summary>
    public int ProgressImageEvery { get; init; } = 32;

    internal void Validate()
    {
        if (ImageSize < 8) throw new ArgumentOutOfRangeException(nameof(ImageSize), $"The image size must be at least 8 (got {ImageSize}).");
        if (Steps < 0) throw new ArgumentOutOfRangeException(nameof(Steps), $"Steps cannot be negative (got {Steps}).");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The learning rate must be positive (got {LearningRate}).");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be positive (got {BatchSize}).");
        if (ProgressImageEvery < 0) throw new ArgumentOutOfRangeException(nameof(ProgressImageEvery), "ProgressImageEvery cannot be negative.");
    }
}

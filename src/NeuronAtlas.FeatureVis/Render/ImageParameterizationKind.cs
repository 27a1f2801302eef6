namespace NeuronAtlas.FeatureVis.Render;

/// <summary>How the optimized image is represented.</summary>
public enum ImageParameterizationKind
{
    /// <summary>Lucent's default: a 1/f-scaled Fourier spectrum per channel.</summary>
    Fft,

    /// <summary>Raw pixels: tends to give high-frequency, adversarial-looking images; for comparison.</summary>
    Pixel,
}

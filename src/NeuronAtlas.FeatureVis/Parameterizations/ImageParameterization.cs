namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// Lucent's param.image: a spatial parameterization, optionally colour-decorrelated, squashed by a sigmoid into
/// RGB images in [0, 1]. <see cref="Draw"/> remembers the sigmoid's output so <see cref="Backward"/> can
/// apply the exact chain rule.
/// </summary>
public sealed class ImageParameterization
{
    private readonly float[] _images;
    private readonly float[] _preActivationGradients;

    public ImageParameterization(ISpatialParameterization spatial, bool decorrelateColors = true)
    {
        if (decorrelateColors && spatial.Shape.Channels != 3)
            throw new ArgumentException("Colour decorrelation needs 3-channel images.", nameof(decorrelateColors));
        Spatial = spatial;
        DecorrelateColors = decorrelateColors;
        _images = new float[spatial.BatchSize * spatial.Shape.Length];
        _preActivationGradients = new float[_images.Length];
    }

    /// <summary>An FFT-parameterized, colour-decorrelated image batch: Lucent's default.</summary>
    public static ImageParameterization Fft(int size, int batchSize, float decayPower = 1f) =>
        new(new FftImage(new ImageShape(3, size, size), batchSize, decayPower));

    public ISpatialParameterization Spatial { get; }

    public bool DecorrelateColors { get; }

    public ImageShape Shape => Spatial.Shape;

    public int BatchSize => Spatial.BatchSize;

    public float[] Parameters => Spatial.Parameters;

    /// <summary>The last drawn images: BatchSize × Shape.Length floats in [0, 1]. Valid until the next <see cref="Draw"/>.</summary>
    public ReadOnlySpan<float> Images => _images;

    /// <summary>Draws the images from the current parameters and returns them (see <see cref="Images"/>).</summary>
    public ReadOnlySpan<float> Draw()
    {
        Spatial.Draw(_images);
        if (DecorrelateColors) ColorDecorrelation.Apply(_images, Shape.PlaneLength);
        for (int i = 0; i < _images.Length; i++) _images[i] = 1f / (1f + MathF.Exp(-_images[i]));
        return _images;
    }

    /// <summary>d(loss)/d(parameters) from d(loss)/d(images) of the last <see cref="Draw"/>.</summary>
    public void Backward(ReadOnlySpan<float> imageGradients, Span<float> parameterGradients)
    {
        var preActivation = _preActivationGradients;
        for (int i = 0; i < preActivation.Length; i++) preActivation[i] = imageGradients[i] * _images[i] * (1f - _images[i]);
        if (DecorrelateColors) ColorDecorrelation.ApplyAdjoint(preActivation, Shape.PlaneLength);
        Spatial.DrawAdjoint(preActivation, parameterGradients);
    }
}

using NeuronAtlas.Core.Numerics;
namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// Lucent's fft_image: each channel is learned as the real and imaginary parts of its rfft grid (H × (W/2+1)),
/// initialized with N(0, sd). Drawing scales frequency f (cycles per pixel) by 1 / max(f, 1/max(W,H))^decay_power,
/// applies the orthonormal inverse real FFT and divides by 4. Low frequencies dominate, which keeps the optimized
/// image free of the high-frequency patterns a pixel parameterization drifts into.
/// </summary>
public sealed class FftImage : ISpatialParameterization
{
    /// <summary>Lucent's "magic" divisor of the drawn image.</summary>
    private const float Magic = 4f;

    private readonly float[] _scale;
    private readonly InverseRealFft2D[] _transforms;
    private readonly float _standardDeviation;
    private readonly float[] _images;
    private readonly float[] _imageGradients;
    private readonly float[] _parameterGradients;
    private readonly float[][] _spectra;

    public FftImage(ImageShape shape, int batchSize, float decayPower = 1f, float standardDeviation = 0.01f)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch needs at least one item.");
        Shape = shape;
        BatchSize = batchSize;
        _standardDeviation = standardDeviation;
        _transforms = Enumerable.Range(0, batchSize).Select(_ => new InverseRealFft2D(shape.Height, shape.Width)).ToArray();
        var grid = _transforms[0];
        ParametersPerItem = shape.Channels * grid.SpectrumLength;
        Parameters = new float[batchSize * ParametersPerItem];
        _scale = FrequencyScale(shape.Height, shape.Width, grid.FrequencyColumns, decayPower);
        _images = new float[batchSize * shape.Length];
        _imageGradients = new float[batchSize * shape.Length];
        _parameterGradients = new float[Parameters.Length];
        _spectra = Enumerable.Range(0, batchSize).Select(_ => new float[grid.SpectrumLength]).ToArray();
    }

    public ImageShape Shape { get; }

    public int BatchSize { get; }

    public int ParametersPerItem { get; }

    public float[] Parameters { get; }

    public void InitializeItem(int item, Random random) =>
        GaussianSampler.Fill(random, Parameters.AsSpan(item * ParametersPerItem, ParametersPerItem), _standardDeviation);

    public void Draw(Span<float> images)
    {
        var output = images.Length >= BatchSize * Shape.Length ? images : throw new ArgumentException("The image buffer is too small.", nameof(images));
        var buffer = _images;
        Parallel.For(0, BatchSize, item =>
        {
            var spectrum = _spectra[item];
            for (int c = 0; c < Shape.Channels; c++)
            {
                var source = Parameters.AsSpan(item * ParametersPerItem + c * spectrum.Length, spectrum.Length);
                for (int i = 0; i < spectrum.Length; i++) spectrum[i] = source[i] * _scale[i >> 1] / Magic;
                _transforms[item].Inverse(spectrum, buffer.AsSpan(item * Shape.Length + c * Shape.PlaneLength, Shape.PlaneLength));
            }
        });
        buffer.CopyTo(output);
    }

    public void DrawAdjoint(ReadOnlySpan<float> imageGradients, Span<float> parameterGradients)
    {
        var (gradients, result) = (_imageGradients, _parameterGradients);
        imageGradients[..gradients.Length].CopyTo(gradients);
        Parallel.For(0, BatchSize, item =>
        {
            int spectrumLength = _transforms[item].SpectrumLength;
            for (int c = 0; c < Shape.Channels; c++)
            {
                var target = result.AsSpan(item * ParametersPerItem + c * spectrumLength, spectrumLength);
                _transforms[item].InverseAdjoint(gradients.AsSpan(item * Shape.Length + c * Shape.PlaneLength, Shape.PlaneLength), target);
                for (int i = 0; i < target.Length; i++) target[i] *= _scale[i >> 1] / Magic;
            }
        });
        result.CopyTo(parameterGradients);
    }

    /// <summary>1 / max(√(fx² + fy²), 1/max(W,H))^decay per grid cell, with numpy's fftfreq frequencies.</summary>
    private static float[] FrequencyScale(int height, int width, int columns, float decayPower)
    {
        var scale = new float[height * columns];
        double floor = 1.0 / Math.Max(width, height);
        for (int k = 0; k < height; k++)
        {
            double fy = (k <= (height - 1) / 2 ? k : k - height) / (double)height;
            for (int l = 0; l < columns; l++)
            {
                double fx = (l <= (width - 1) / 2 ? l : l - width) / (double)width;
                scale[k * columns + l] = (float)(1.0 / Math.Pow(Math.Max(Math.Sqrt(fx * fx + fy * fy), floor), decayPower));
            }
        }
        return scale;
    }
}

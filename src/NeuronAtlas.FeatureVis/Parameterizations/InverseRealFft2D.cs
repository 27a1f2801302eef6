using System.Numerics;

namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// The orthonormal inverse real 2-D FFT of one H × W plane from its rfft grid (H × (W/2+1) complex values, stored
/// as interleaved real and imaginary parts), as numpy's irfft2(norm="ortho") computes it, and its exact adjoint.
/// As a real-linear map x[n,m] = Σ_k Σ_l c_l Re(X[k,l] e^(2πi(kn/H + lm/W))) / √(HW), where c_l is 1 for
/// column 0 and (for even W) column W/2, and 2 otherwise; so the adjoint is c_l × rfft2(g) / √(HW).
/// Not thread-safe: each instance owns its work buffers.
/// </summary>
public sealed class InverseRealFft2D
{
    private readonly ComplexFft _columns;
    private readonly ComplexFft _rows;
    private readonly Complex[] _grid;
    private readonly Complex[] _column;
    private readonly Complex[] _row;
    private readonly double[] _columnWeights;
    private readonly double _norm;

    public InverseRealFft2D(int height, int width)
    {
        Height = height;
        Width = width;
        FrequencyColumns = width / 2 + 1;
        _columns = new ComplexFft(height);
        _rows = new ComplexFft(width);
        _grid = new Complex[height * FrequencyColumns];
        _column = new Complex[height];
        _row = new Complex[width];
        _columnWeights = new double[FrequencyColumns];
        for (int l = 0; l < FrequencyColumns; l++) _columnWeights[l] = l == 0 || 2 * l == width ? 1 : 2;
        _norm = 1 / Math.Sqrt((double)height * width);
    }

    public int Height { get; }
    public int Width { get; }

    /// <summary>W/2 + 1: the columns of the rfft grid.</summary>
    public int FrequencyColumns { get; }

    /// <summary>Floats in one spectrum: H × (W/2+1) × 2.</summary>
    public int SpectrumLength => Height * FrequencyColumns * 2;

    /// <summary>image = irfft2(spectrum) × √(HW) / (HW), i.e. the orthonormal inverse.</summary>
    public void Inverse(ReadOnlySpan<float> spectrum, Span<float> image)
    {
        Check(spectrum.Length, image.Length);
        int h = Height, wf = FrequencyColumns;
        for (int i = 0; i < _grid.Length; i++) _grid[i] = new Complex(spectrum[2 * i], spectrum[2 * i + 1]);
        for (int l = 0; l < wf; l++)
        {
            for (int k = 0; k < h; k++) _column[k] = _grid[k * wf + l];
            _columns.Inverse(_column);
            for (int n = 0; n < h; n++) _grid[n * wf + l] = _column[n] * _columnWeights[l];
        }
        for (int n = 0; n < h; n++)
        {
            Array.Clear(_row);
            for (int l = 0; l < wf; l++) _row[l] = _grid[n * wf + l];
            _rows.Inverse(_row);
            for (int m = 0; m < Width; m++) image[n * Width + m] = (float)(_row[m].Real * _norm);
        }
    }

    /// <summary>The adjoint (transpose) of <see cref="Inverse"/>: the gradient of the spectrum given that of the image.</summary>
    public void InverseAdjoint(ReadOnlySpan<float> imageGradient, Span<float> spectrumGradient)
    {
        Check(spectrumGradient.Length, imageGradient.Length);
        int h = Height, wf = FrequencyColumns;
        for (int n = 0; n < h; n++)
        {
            for (int m = 0; m < Width; m++) _row[m] = imageGradient[n * Width + m];
            _rows.Forward(_row);
            for (int l = 0; l < wf; l++) _grid[n * wf + l] = _row[l] * _columnWeights[l];
        }
        for (int l = 0; l < wf; l++)
        {
            for (int n = 0; n < h; n++) _column[n] = _grid[n * wf + l];
            _columns.Forward(_column);
            for (int k = 0; k < h; k++)
            {
                spectrumGradient[2 * (k * wf + l)] = (float)(_column[k].Real * _norm);
                spectrumGradient[2 * (k * wf + l) + 1] = (float)(_column[k].Imaginary * _norm);
            }
        }
    }

    private void Check(int spectrumLength, int imageLength)
    {
        if (spectrumLength != SpectrumLength) throw new ArgumentException($"The spectrum needs {SpectrumLength} floats, got {spectrumLength}.");
        if (imageLength != Height * Width) throw new ArgumentException($"The image needs {Height * Width} floats, got {imageLength}.");
    }
}

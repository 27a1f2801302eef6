using System.Numerics;

namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// An unnormalized discrete Fourier transform of one length: iterative radix-2 for powers of two,
/// Bluestein's chirp-z algorithm (three radix-2 transforms) for every other length.
/// Forward uses e^(-2πi kn/N), inverse e^(+2πi kn/N); neither divides by N.
/// </summary>
public sealed class ComplexFft
{
    private readonly Complex[] _twiddles;
    private readonly int[] _bitReversal;
    private readonly ComplexFft? _bluesteinPlan;
    private readonly Complex[]? _chirp;
    private readonly Complex[]? _chirpSpectrum;

    public ComplexFft(int length)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), "The length must be positive.");
        Length = length;
        if (BitOperations.IsPow2(length))
        {
            _twiddles = new Complex[length / 2];
            for (int k = 0; k < length / 2; k++) _twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
            _bitReversal = BitReversalPermutation(length);
            return;
        }
        _twiddles = [];
        _bitReversal = [];
        int padded = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * length - 1));
        _bluesteinPlan = new ComplexFft(padded);
        // chirp[n] = e^(-πi n²/N); n² is taken modulo 2N so the angle stays exact for large n.
        _chirp = new Complex[length];
        for (long n = 0; n < length; n++) _chirp[n] = Complex.FromPolarCoordinates(1, -Math.PI * (n * n % (2L * length)) / length);
        _chirpSpectrum = new Complex[padded];
        _chirpSpectrum[0] = Complex.Conjugate(_chirp[0]);
        for (int n = 1; n < length; n++) _chirpSpectrum[n] = _chirpSpectrum[padded - n] = Complex.Conjugate(_chirp[n]);
        _bluesteinPlan.Forward(_chirpSpectrum);
    }

    public int Length { get; }

    public void Forward(Span<Complex> data) => Transform(data, inverse: false);

    public void Inverse(Span<Complex> data) => Transform(data, inverse: true);

    private void Transform(Span<Complex> data, bool inverse)
    {
        if (data.Length != Length) throw new ArgumentException($"Expected {Length} values, got {data.Length}.", nameof(data));
        // The inverse is the conjugate of the forward transform of the conjugate.
        if (inverse) Conjugate(data);
        if (_bluesteinPlan is null) Radix2(data);
        else Bluestein(data);
        if (inverse) Conjugate(data);
    }

    private void Radix2(Span<Complex> data)
    {
        int n = Length;
        for (int i = 0; i < n; i++)
        {
            int j = _bitReversal[i];
            if (j > i) (data[i], data[j]) = (data[j], data[i]);
        }
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size / 2, stride = n / size;
            for (int start = 0; start < n; start += size)
                for (int k = 0; k < half; k++)
                {
                    var t = _twiddles[k * stride] * data[start + k + half];
                    var u = data[start + k];
                    data[start + k] = u + t;
                    data[start + k + half] = u - t;
                }
        }
    }

    private void Bluestein(Span<Complex> data)
    {
        var plan = _bluesteinPlan!;
        var work = new Complex[plan.Length];
        for (int n = 0; n < Length; n++) work[n] = data[n] * _chirp![n];
        plan.Forward(work);
        for (int k = 0; k < work.Length; k++) work[k] *= _chirpSpectrum![k];
        plan.Inverse(work);
        double scale = 1.0 / plan.Length;
        for (int k = 0; k < Length; k++) data[k] = work[k] * scale * _chirp![k];
    }

    private static void Conjugate(Span<Complex> data)
    {
        for (int i = 0; i < data.Length; i++) data[i] = Complex.Conjugate(data[i]);
    }

    private static int[] BitReversalPermutation(int n)
    {
        int bits = BitOperations.Log2((uint)n);
        var permutation = new int[n];
        for (int i = 0; i < n; i++)
        {
            int reversed = 0;
            for (int b = 0; b < bits; b++) reversed |= ((i >> b) & 1) << (bits - 1 - b);
            permutation[i] = reversed;
        }
        return permutation;
    }
}

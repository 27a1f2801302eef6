using System.Buffers.Binary;

namespace NeuronAtlas.Core.Activations;

/// <summary>
/// Fixed bins for per-image activations: half-octave log bins for each sign plus an exact-zero bin.
/// Fixed edges keep histograms of different shards or runs directly addable.
/// </summary>
public static class ActivationHistogram
{
    public const int BinsPerSign = 44;
    public const int BinCount = 2 * BinsPerSign + 1;
    public const int ZeroBin = BinsPerSign;
    /// <summary>log2 of the smallest non-zero edge; magnitudes below it fall into the first bin of their sign.</summary>
    private const double MinExponent = -12;
    private const double BinsPerOctave = 2;

    public static int BinOf(float value)
    {
        if (value == 0 || float.IsNaN(value)) return ZeroBin;
        double bin = Math.Floor((Math.Log2(Math.Abs(value)) - MinExponent) * BinsPerOctave);
        int magnitudeBin = (int)Math.Clamp(bin, 0, BinsPerSign - 1);
        return value > 0 ? ZeroBin + 1 + magnitudeBin : ZeroBin - 1 - magnitudeBin;
    }

    /// <summary>The value range of each bin, in bin order (most negative first).</summary>
    public static IReadOnlyList<(double Lower, double Upper)> BinEdges { get; } = Enumerable.Range(0, BinCount).Select(Edges).ToArray();

    private static (double, double) Edges(int bin)
    {
        if (bin == ZeroBin) return (0, 0);
        int m = bin > ZeroBin ? bin - ZeroBin - 1 : ZeroBin - 1 - bin;
        double lo = m == 0 ? 0 : Math.Pow(2, MinExponent + m / BinsPerOctave);
        double hi = m == BinsPerSign - 1 ? double.PositiveInfinity : Math.Pow(2, MinExponent + (m + 1) / BinsPerOctave);
        return bin > ZeroBin ? (lo, hi) : (-hi, -lo);
    }

    public static byte[] Encode(ReadOnlySpan<int> counts)
    {
        var bytes = new byte[counts.Length * 4];
        for (int i = 0; i < counts.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), counts[i]);
        return bytes;
    }

    public static int[] Decode(byte[] bytes)
    {
        if (bytes.Length % 4 != 0) throw new InvalidDataException("A histogram is a whole number of int32 counts.");
        var counts = new int[bytes.Length / 4];
        for (int i = 0; i < counts.Length; i++) counts[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        return counts;
    }
}

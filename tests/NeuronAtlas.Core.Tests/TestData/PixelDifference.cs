using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Core.Tests.TestData;

/// <summary>How far two RGB images of the same size are apart, per channel value (0..255).</summary>
public readonly record struct PixelDifference(double Mean, int Max, int Percentile99)
{
    /// <summary>Mean and largest absolute difference over all channel values, and the 99th percentile.</summary>
    public static PixelDifference Of(Image<Rgb24> actual, Image<Rgb24> expected)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var counts = new long[256];
        long sum = 0, n = 0;
        for (int y = 0; y < expected.Height; y++)
        for (int x = 0; x < expected.Width; x++)
        {
            Rgb24 a = actual[x, y], e = expected[x, y];
            foreach (int d in (ReadOnlySpan<int>)[Math.Abs(a.R - e.R), Math.Abs(a.G - e.G), Math.Abs(a.B - e.B)])
            {
                counts[d]++;
                sum += d;
                n++;
            }
        }
        int max = Array.FindLastIndex(counts, c => c > 0);
        long seen = 0;
        int p99 = 0;
        while ((seen += counts[p99]) < 0.99 * n) p99++;
        return new PixelDifference((double)sum / n, max, p99);
    }

    public override string ToString() => $"mean {Mean:0.###}, 99th percentile {Percentile99}, max {Max}";
}

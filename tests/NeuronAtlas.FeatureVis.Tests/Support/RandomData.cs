namespace NeuronAtlas.FeatureVis.Tests.Support;

/// <summary>Seeded random vectors and the inner products the adjoint checks use.</summary>
public static class RandomData
{
    public static float[] Uniform(Random random, int length, float low = -1f, float high = 1f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + (high - low) * (float)random.NextDouble();
        return values;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>Asserts |a - b| ≤ tolerance × max(|a|, |b|, 1e-6).</summary>
    public static void AssertRelativelyClose(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(Math.Max(Math.Abs(expected), Math.Abs(actual)), 1e-6);
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected}, got {actual} (relative tolerance {tolerance}).");
    }
}

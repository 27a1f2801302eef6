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

    /// <summary>
    /// The adjoint identity ⟨Ax, y⟩ = ⟨x, Aᵀy⟩, up to float rounding measured against ‖Ax‖·‖y‖ (sums of many terms of
    /// either sign can cancel to far less than that, so a relative test on the result alone would be too strict).
    /// </summary>
    public static void AssertAdjoint(ReadOnlySpan<float> ax, ReadOnlySpan<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> aty, string what)
    {
        double lhs = Dot(ax, y), rhs = Dot(x, aty);
        double scale = Math.Sqrt(Dot(ax, ax) * Dot(y, y));
        Assert.True(scale > 0, $"{what}: Ax or y is zero, the identity would prove nothing.");
        Assert.True(Math.Abs(lhs - rhs) <= 1e-6 * scale, $"{what}: <Ax, y> = {lhs}, <x, Aᵀy> = {rhs}, scale {scale}.");
    }
}

namespace NeuronAtlas.Core.Numerics;

/// <summary>Normal samples from a seeded <see cref="Random"/> (Box–Muller), so initial images and random controls are reproducible.</summary>
public static class GaussianSampler
{
    public static void Fill(Random random, Span<float> destination, float standardDeviation)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1)) * standardDeviation;
            destination[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < destination.Length) destination[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
        }
    }
}

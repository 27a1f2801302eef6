namespace NeuronAtlas.FeatureVis.Parameterizations;

/// <summary>
/// Lucent's colour decorrelation: every pixel's 3 values are multiplied by the square root of ImageNet's colour
/// correlation matrix, divided by its largest column norm, so the optimizer works in decorrelated colour space.
/// rgb[c] = Σ_j M[c,j] · v[j]; the adjoint multiplies by Mᵀ.
/// </summary>
public static class ColorDecorrelation
{
    private static readonly float[,] CorrelationSqrt =
    {
        { 0.26f, 0.09f, 0.02f },
        { 0.27f, 0.00f, -0.05f },
        { 0.27f, -0.09f, 0.03f },
    };

    /// <summary>The matrix divided by its largest column norm.</summary>
    public static float[,] Matrix { get; } = Normalized();

    /// <summary>Maps <paramref name="images"/> (any number of 3-channel CHW images) in place.</summary>
    public static void Apply(Span<float> images, int planeLength) => Multiply(images, planeLength, transpose: false);

    /// <summary>The adjoint of <see cref="Apply"/>, in place.</summary>
    public static void ApplyAdjoint(Span<float> gradients, int planeLength) => Multiply(gradients, planeLength, transpose: true);

    private static void Multiply(Span<float> images, int planeLength, bool transpose)
    {
        if (images.Length % (3 * planeLength) != 0) throw new ArgumentException("Colour decorrelation needs 3-channel images.", nameof(images));
        var m = Matrix;
        for (int start = 0; start < images.Length; start += 3 * planeLength)
        {
            var r = images.Slice(start, planeLength);
            var g = images.Slice(start + planeLength, planeLength);
            var b = images.Slice(start + 2 * planeLength, planeLength);
            for (int i = 0; i < planeLength; i++)
            {
                float v0 = r[i], v1 = g[i], v2 = b[i];
                for (int c = 0; c < 3; c++)
                {
                    float value = transpose
                        ? m[0, c] * v0 + m[1, c] * v1 + m[2, c] * v2
                        : m[c, 0] * v0 + m[c, 1] * v1 + m[c, 2] * v2;
                    (c == 0 ? r : c == 1 ? g : b)[i] = value;
                }
            }
        }
    }

    private static float[,] Normalized()
    {
        double maxNorm = 0;
        for (int j = 0; j < 3; j++)
            maxNorm = Math.Max(maxNorm, Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (double)CorrelationSqrt[i, j] * CorrelationSqrt[i, j])));
        var result = new float[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                result[i, j] = (float)(CorrelationSqrt[i, j] / maxNorm);
        return result;
    }
}

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// Minimizes f(w) + lambda x sum_j |w_j| over the penalized coordinates, for a smooth f with an L-Lipschitz gradient,
/// by accelerated proximal gradient (FISTA, Beck and Teboulle 2009): a gradient step of size 1/L, then soft-thresholding
/// by lambda/L. The project's one L1 solver; <see cref="SparseLogisticRegression"/> builds on it.
/// </summary>
public static class L1ProximalGradient
{
    /// <summary>Writes f's gradient at <c>w</c> into <c>gradient</c>.</summary>
    public delegate void Gradient(ReadOnlySpan<double> w, Span<double> gradient);

    /// <param name="start">The starting point (e.g. the previous solution on a lambda path); not changed.</param>
    /// <param name="penalized">Which coordinates carry the L1 penalty; all when null (an intercept usually does not).</param>
    /// <param name="tolerance">Stop when no coordinate moves by more than this in one step.</param>
    public static double[] Minimize(Gradient gradient, ReadOnlySpan<double> start, double lambda, double lipschitz, bool[]? penalized = null,
        int maxIterations = 1000, double tolerance = 1e-7)
    {
        if (!(lipschitz > 0)) throw new ArgumentOutOfRangeException(nameof(lipschitz), "The Lipschitz constant must be positive.");
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), "lambda must not be negative.");
        int n = start.Length;
        if (penalized is not null && penalized.Length != n) throw new ArgumentException("One penalty flag per coordinate is needed.");
        var w = start.ToArray();
        var previous = start.ToArray();
        var y = start.ToArray();
        var g = new double[n];
        double t = 1, step = 1 / lipschitz, threshold = lambda / lipschitz;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            gradient(y, g);
            double moved = 0;
            for (int j = 0; j < n; j++)
            {
                double v = y[j] - step * g[j];
                double next = penalized is null || penalized[j] ? SoftThreshold(v, threshold) : v;
                previous[j] = w[j];
                w[j] = next;
                moved = Math.Max(moved, Math.Abs(next - previous[j]));
            }
            double tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            for (int j = 0; j < n; j++) y[j] = w[j] + momentum * (w[j] - previous[j]);
            t = tNext;
            if (moved <= tolerance) break;
        }
        return w;
    }

    /// <summary>sign(v) x max(|v| - threshold, 0): the proximal operator of threshold x |v|.</summary>
    public static double SoftThreshold(double v, double threshold) => v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
}

using NeuronAtlas.Clip.Encoders;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// L1-regularized binary logistic regression on standardized features: minimizes
/// (1/n) sum_i log(1 + exp(-s_i (x_i . w + b))) + lambda ||w||_1 with s_i = +-1, the intercept b unpenalized,
/// by <see cref="L1ProximalGradient"/>. Features are given as columns (one float array of n values per feature), so the
/// gradient's X^T r is one SIMD dot product per feature and X w touches only the non-zero weights.
/// </summary>
public sealed class SparseLogisticRegression
{
    private readonly float[][] _columns;
    private readonly int _n;

    /// <summary>The gradient's Lipschitz constant: a quarter of the largest eigenvalue of [X 1]^T [X 1] / n.</summary>
    public double Lipschitz { get; }

    /// <param name="columns">Per feature, its value for each of the n samples.</param>
    public SparseLogisticRegression(float[][] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("No features.");
        _n = columns[0].Length;
        if (_n == 0 || columns.Any(c => c.Length != _n)) throw new ArgumentException("Every feature needs one value per sample.");
        _columns = columns;
        Lipschitz = LargestEigenvalue() / 4;
    }

    /// <summary>The smallest lambda at which every weight is zero, for these labels.</summary>
    public double LambdaMax(bool[] positive)
    {
        CheckLabels(positive);
        double p = positive.Count(x => x) / (double)_n;
        var residual = positive.Select(t => (float)(p - (t ? 1 : 0))).ToArray();
        return _columns.Max(c => Math.Abs(EmbeddingVectors.Dot(c, residual))) / _n;
    }

    /// <summary>The weights (one per feature) followed by the intercept.</summary>
    /// <param name="positive">Per sample, whether it is of the positive class.</param>
    /// <param name="start">Where to start (e.g. the solution at the previous lambda of a path); zero when empty.</param>
    public double[] Fit(bool[] positive, double lambda, ReadOnlySpan<double> start = default, int maxIterations = 500, double tolerance = 1e-6)
    {
        CheckLabels(positive);
        int d = _columns.Length;
        var initial = start.Length == d + 1 ? start.ToArray() : new double[d + 1];
        var penalized = Enumerable.Range(0, d + 1).Select(j => j < d).ToArray();
        var margin = new double[_n];
        var residual = new float[_n];
        return L1ProximalGradient.Minimize((w, gradient) =>
        {
            Array.Fill(margin, w[d]);
            for (int j = 0; j < d; j++)
            {
                if (w[j] == 0) continue;
                var column = _columns[j];
                for (int i = 0; i < _n; i++) margin[i] += w[j] * column[i];
            }
            double interceptGradient = 0;
            for (int i = 0; i < _n; i++)
            {
                // d/dm log(1 + exp(-s m)) = -s / (1 + exp(s m)) = sigmoid(m) - t with t = 1 for s = +1, else 0.
                double r = 1 / (1 + Math.Exp(-margin[i])) - (positive[i] ? 1 : 0);
                residual[i] = (float)r;
                interceptGradient += r;
            }
            for (int j = 0; j < d; j++) gradient[j] = EmbeddingVectors.Dot(_columns[j], residual) / _n;
            gradient[d] = interceptGradient / _n;
        }, initial, lambda, Lipschitz, penalized, maxIterations, tolerance);
    }

    private void CheckLabels(bool[] positive)
    {
        if (positive.Length != _n) throw new ArgumentException($"One label per sample ({_n}) is needed.");
    }

    private double LargestEigenvalue()
    {
        // Power iteration on A = [X 1]^T [X 1] / n; 1.05x the estimate so that the step is safe.
        int d = _columns.Length;
        var v = Enumerable.Repeat(1 / Math.Sqrt(d + 1), d + 1).ToArray();
        var xv = new float[_n];
        double estimate = 1;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            for (int i = 0; i < _n; i++) xv[i] = (float)v[d];
            for (int j = 0; j < d; j++)
                for (int i = 0; i < _n; i++) xv[i] += (float)(v[j] * _columns[j][i]);
            var next = new double[d + 1];
            for (int j = 0; j < d; j++) next[j] = EmbeddingVectors.Dot(_columns[j], xv) / _n;
            next[d] = xv.Sum(x => (double)x) / _n;
            estimate = Math.Sqrt(next.Sum(x => x * x));
            if (estimate == 0) return 1;
            for (int j = 0; j <= d; j++) v[j] = next[j] / estimate;
        }
        return estimate * 1.05;
    }
}

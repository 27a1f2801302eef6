namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// The article's sparse class probes ("piggy bank = finance neuron + porcelain neuron"): per class, a one-vs-rest
/// L1-regularized logistic regression on standardized unit activations, followed down a lambda path (from the
/// lambda at which all weights are zero, by factors of <see cref="PathRatio"/>, warm-started) until it uses more
/// units than the largest budget. At each budget k every class keeps its densest solution with at most k units; a
/// test sample gets the class whose probe scores it highest.
/// </summary>
public sealed class SparseClassProbes(IReadOnlyList<int> budgets)
{
    public const double PathRatio = 0.85;
    public const int MaxPathSteps = 80;

    /// <param name="train">Per training sample, one activation per unit.</param>
    /// <param name="trainClass">Each training sample's class index in <paramref name="classes"/>.</param>
    public ProbeReport Run(IReadOnlyList<float[]> train, IReadOnlyList<int> trainClass, IReadOnlyList<float[]> test, IReadOnlyList<int> testClass,
        IReadOnlyList<string> classes)
    {
        if (train.Count == 0 || test.Count == 0) throw new ArgumentException("Probes need training and test samples.");
        if (train.Count != trainClass.Count || test.Count != testClass.Count) throw new ArgumentException("One class per sample is needed.");
        if (budgets.Count == 0 || budgets.Any(b => b < 1)) throw new ArgumentException("Budgets must be at least one unit.");
        int units = train[0].Length;
        var (mean, scale) = Standardization(train, units);
        var columns = Enumerable.Range(0, units).Select(u => train.Select(row => (float)((row[u] - mean[u]) * scale[u])).ToArray()).ToArray();
        var regression = new SparseLogisticRegression(columns);
        int maxBudget = budgets.Max();
        // solutions[budget][class] = weights + intercept
        var solutions = budgets.Select(_ => new double[classes.Count][]).ToArray();
        for (int c = 0; c < classes.Count; c++)
        {
            var positive = trainClass.Select(t => t == c).ToArray();
            if (!positive.Any(x => x)) throw new ArgumentException($"The class '{classes[c]}' has no training sample.");
            double lambda = regression.LambdaMax(positive);
            var current = regression.Fit(positive, lambda);
            for (int b = 0; b < budgets.Count; b++) solutions[b][c] = current;
            for (int step = 0; step < MaxPathSteps; step++)
            {
                lambda *= PathRatio;
                current = regression.Fit(positive, lambda, current);
                int used = current.Take(units).Count(w => w != 0);
                if (used > maxBudget) break;
                for (int b = 0; b < budgets.Count; b++)
                    if (used <= budgets[b]) solutions[b][c] = current;
            }
        }
        var standardizedTest = test.Select(row => row.Select((v, u) => (v - mean[u]) * scale[u]).ToArray()).ToList();
        double chance = testClass.GroupBy(c => c).Max(g => g.Count()) / (double)test.Count;
        var result = budgets.Select((budget, b) =>
        {
            int correct = 0;
            for (int i = 0; i < standardizedTest.Count; i++)
                if (Predict(solutions[b], standardizedTest[i]) == testClass[i]) correct++;
            var probes = classes.Select((name, c) => new ClassProbe(name, trainClass.Count(t => t == c), testClass.Count(t => t == c),
                solutions[b][c].Take(units).Select((w, u) => new ProbeWeight(u, w)).Where(w => w.Weight != 0)
                    .OrderByDescending(w => Math.Abs(w.Weight)).ThenBy(w => w.Unit).ToList())).ToList();
            return new ProbeBudget(budget, correct / (double)test.Count, probes);
        }).ToList();
        return new ProbeReport(classes.Count, train.Count, test.Count, chance, result);
    }

    private static int Predict(double[][] probes, double[] x)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < probes.Length; c++)
        {
            var w = probes[c];
            double score = w[^1];
            for (int u = 0; u < x.Length; u++) if (w[u] != 0) score += w[u] * x[u];
            if (score > bestScore) { bestScore = score; best = c; }
        }
        return best;
    }

    /// <summary>Per unit, the training mean and 1/std (0 for a constant unit, which then never enters a probe).</summary>
    private static (double[] Mean, double[] Scale) Standardization(IReadOnlyList<float[]> train, int units)
    {
        var mean = new double[units];
        var scale = new double[units];
        for (int u = 0; u < units; u++)
        {
            double m = train.Average(r => (double)r[u]);
            double variance = train.Average(r => (r[u] - m) * (r[u] - m));
            mean[u] = m;
            scale[u] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 0;
        }
        return (mean, scale);
    }
}

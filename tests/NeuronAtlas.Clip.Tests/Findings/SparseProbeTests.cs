using NeuronAtlas.Clip.Findings;

namespace NeuronAtlas.Clip.Tests.Findings;

public sealed class SparseProbeTests
{
    [Fact]
    public void The_solver_finds_the_lasso_solution_of_an_orthogonal_design_by_soft_thresholding()
    {
        // X = 2 I (4 x 4), so X^T X / n = I and the lasso solution of (1/2n)||y - Xw||^2 + lambda||w||_1 is
        // soft(X^T y / n, lambda) = soft(y / 2, lambda): y / 2 = [1.5, -0.1, 0.5, -0.8], lambda 0.3 -> [1.2, 0, 0.2, -0.5].
        double[] y = [3, -0.2, 1, -1.6];
        const int n = 4;
        var w = L1ProximalGradient.Minimize((weights, gradient) =>
        {
            for (int j = 0; j < n; j++) gradient[j] = -2 * (y[j] - 2 * weights[j]) / n;
        }, new double[n], lambda: 0.3, lipschitz: 1, tolerance: 1e-12, maxIterations: 10_000);

        Assert.Equal([1.2, 0, 0.2, -0.5], w.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void An_unpenalized_coordinate_is_not_thresholded()
    {
        var w = L1ProximalGradient.Minimize((weights, gradient) =>
        {
            gradient[0] = weights[0] - 0.1;
            gradient[1] = weights[1] - 0.1;
        }, new double[2], lambda: 0.5, lipschitz: 1, penalized: [true, false], tolerance: 1e-12);

        Assert.Equal(0, w[0]);
        Assert.Equal(0.1, w[1], 1e-9);
    }

    [Fact]
    public void Logistic_weights_are_all_zero_at_lambda_max_and_the_separating_feature_enters_first()
    {
        // Feature 0 is the class (+-1); features 1 and 2 alternate independently of it.
        var labels = new[] { true, true, true, true, false, false, false, false };
        float[][] columns =
        [
            [1, 1, 1, 1, -1, -1, -1, -1],
            [1, -1, 1, -1, 1, -1, 1, -1],
            [1, 1, -1, -1, 1, 1, -1, -1],
        ];
        var regression = new SparseLogisticRegression(columns);
        double lambdaMax = regression.LambdaMax(labels);

        // Gradient at zero for feature 0: mean(x0 (0.5 - t)) = -0.5, so lambda_max = 0.5.
        Assert.Equal(0.5, lambdaMax, 1e-6);
        Assert.All(regression.Fit(labels, lambdaMax * 1.01).Take(3), w => Assert.Equal(0, w));
        var sparse = regression.Fit(labels, lambdaMax * 0.8);
        Assert.True(sparse[0] > 0);
        Assert.Equal(0, sparse[1]);
        Assert.Equal(0, sparse[2]);
    }

    [Fact]
    public void Class_probes_find_the_one_unit_that_marks_each_class()
    {
        // Three classes over 12 units: unit 2k is 3 higher for class k; everything else is seeded noise.
        var random = new Random(11);
        (List<float[]> Rows, List<int> Classes) Sample(int perClass)
        {
            var rows = new List<float[]>();
            var classes = new List<int>();
            for (int k = 0; k < 3; k++)
                for (int i = 0; i < perClass; i++)
                {
                    var row = Enumerable.Range(0, 12).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                    row[2 * k] += 3;
                    rows.Add(row);
                    classes.Add(k);
                }
            return (rows, classes);
        }
        var train = Sample(30);
        var test = Sample(10);

        var report = new SparseClassProbes([1, 3]).Run(train.Rows, train.Classes, test.Rows, test.Classes, ["a", "b", "c"]);

        Assert.Equal(3, report.ClassCount);
        Assert.Equal(1.0 / 3, report.Chance, 1e-9);
        var one = report.Budgets[0];
        Assert.Equal(1, one.Units);
        Assert.Equal(1.0, one.Accuracy);
        for (int k = 0; k < 3; k++)
        {
            var weight = Assert.Single(one.Classes[k].Weights);
            Assert.Equal(2 * k, weight.Unit);
            Assert.True(weight.Weight > 0);
        }
        Assert.All(report.Budgets[1].Classes, c => Assert.InRange(c.Weights.Count, 1, 3));
        Assert.Equal(1.0, report.Budgets[1].Accuracy);
    }
}

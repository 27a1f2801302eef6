using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>
/// Compares a gradient graph with central finite differences. The objective is Σ R ⊙ Y for a fixed random
/// R, so every element of the output Y matters with its own weight.
/// </summary>
public static class GradientCheck
{
    private const int MaxCheckedElementsPerInput = 96;

    public static void AssertMatchesFiniteDifferences(
        ModelProto forward, string output, IReadOnlyDictionary<string, FloatTensor> inputs,
        IReadOnlyList<string>? differentiate = null, float step = 1e-2f, double absoluteTolerance = 2e-3, double relativeTolerance = 1e-2)
    {
        var weighted = WithRandomWeighting(forward, output, inputs, new Random(1234));
        var shapes = inputs.ToDictionary(p => p.Key, p => p.Value.Shape);
        var gradientGraph = new GradientGraphBuilder(weighted, shapes).Build(new TensorSum("weighted"), differentiate ?? inputs.Keys.ToList());
        AssertMatchesFiniteDifferences(gradientGraph, inputs, step, absoluteTolerance, relativeTolerance);
    }

    /// <summary>Compares each gradient output with finite differences of the graph's own total objective.</summary>
    public static void AssertMatchesFiniteDifferences(
        GradientGraph gradientGraph, IReadOnlyDictionary<string, FloatTensor> inputs,
        float step = 1e-2f, double absoluteTolerance = 2e-3, double relativeTolerance = 1e-2)
    {
        var random = new Random(4321);
        using var runner = new OrtRunner(gradientGraph.Model);
        var analytic = runner.Run(inputs);
        double ObjectiveAt(IReadOnlyDictionary<string, FloatTensor> feeds) => runner.Run(feeds)[gradientGraph.TotalObjectiveOutput].Data[0];
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (name, gradientOutput) in gradientGraph.GradientOutputs)
        {
            var gradient = analytic[gradientOutput];
            Assert.Equal(inputs[name].Shape, gradient.Shape);
            foreach (var index in ElementsToCheck(inputs[name].Data.Length, random))
            {
                var original = inputs[name].Data[index];
                var plus = new Dictionary<string, FloatTensor>(inputs) { [name] = inputs[name].With(index, original + step) };
                var minus = new Dictionary<string, FloatTensor>(inputs) { [name] = inputs[name].With(index, original - step) };
                var numeric = (ObjectiveAt(plus) - ObjectiveAt(minus)) / (2.0 * step);
                var symbolic = gradient.Data[index];
                checkedCount++;
                if (Math.Abs(symbolic - numeric) > absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(symbolic), Math.Abs(numeric)))
                    failures.Add($"{name}[{index}]: graph {symbolic:G6}, finite difference {numeric:G6}");
            }
        }
        Assert.True(checkedCount > 0, "No gradient element was checked.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} gradient elements differ:\n" + string.Join("\n", failures.Take(12)));
    }

    /// <summary>The forward model with "weighted" = output ⊙ R appended and made its only output.</summary>
    private static ModelProto WithRandomWeighting(ModelProto forward, string output, IReadOnlyDictionary<string, FloatTensor> inputs, Random random)
    {
        var probe = forward.Clone();
        probe.Graph.Output.Clear();
        probe.Graph.Output.Add(new ValueInfoProto { Name = output });
        var shape = OrtRunner.RunOnce(probe, inputs)[output].Shape;

        var weighted = probe.Clone();
        var weights = FloatTensor.Random(random, shape);
        weighted.Graph.Initializer.Add(OnnxTensor.FromFloats("objective_weights", weights.Data, shape));
        var multiply = new NodeProto { OpType = "Mul", Name = "objective_weighting" };
        multiply.Input.Add(output);
        multiply.Input.Add("objective_weights");
        multiply.Output.Add("weighted");
        weighted.Graph.Node.Add(multiply);
        weighted.Graph.Output.Clear();
        weighted.Graph.Output.Add(new ValueInfoProto { Name = "weighted" });
        return weighted;
    }

    private static IEnumerable<int> ElementsToCheck(int count, Random random) =>
        count <= MaxCheckedElementsPerInput
            ? Enumerable.Range(0, count)
            : Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(MaxCheckedElementsPerInput).Order();
}

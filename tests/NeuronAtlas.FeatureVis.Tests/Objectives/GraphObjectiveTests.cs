using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Autodiff.Objectives;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Objectives;

public class ObjectiveTests
{
    private const int Batch = 3;
    private readonly Dictionary<string, FloatTensor> _inputs = new() { ["X"] = FloatTensor.Random(new Random(31), Batch, 2, 6, 6) };

    [Fact]
    public void Per_item_channel_objective_is_each_items_mean_of_its_own_channel()
    {
        var (outputs, graph) = Run(Objective.Channel("act", [0, 3, 1]), extra: ["act"]);

        var act = outputs["act"];
        int[] channels = [0, 3, 1];
        var expected = Enumerable.Range(0, Batch).Select(n => Enumerable.Range(0, 36).Average(p => act.Data[(n * 4 + channels[n]) * 36 + p])).ToArray();
        Assert.Equal([Batch], outputs[GradientGraph.PerItemObjectiveName].Shape);
        Assert.All(expected.Zip(outputs[GradientGraph.PerItemObjectiveName].Data), p => Assert.Equal(p.First, p.Second, 5));
        Assert.Equal(expected.Sum(), outputs[GradientGraph.TotalObjectiveName].Data[0], 4);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs);
    }

    [Fact]
    public void Neuron_objective_reads_the_centre_position()
    {
        var (outputs, graph) = Run(Objective.Neuron("act", [2, 2, 0]), extra: ["act"]);

        var act = outputs["act"];
        int[] channels = [2, 2, 0];
        var perItem = outputs[GradientGraph.PerItemObjectiveName].Data;
        for (var n = 0; n < Batch; n++) Assert.Equal(act.Data[(n * 4 + channels[n]) * 36 + 3 * 6 + 3], perItem[n], 5);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs);
    }

    [Fact]
    public void Direction_objective_is_the_dot_product_of_the_position_mean_with_the_vector()
    {
        float[] direction = [0.5f, -1f, 2f];
        var (outputs, graph) = Run(Objective.Direction("deep", direction), extra: ["deep"]);

        var deep = outputs["deep"];
        var positions = deep.Shape[2] * deep.Shape[3];
        for (var n = 0; n < Batch; n++)
        {
            var expected = Enumerable.Range(0, 3).Sum(c => direction[c] * Enumerable.Range(0, positions).Average(p => deep.Data[(n * 3 + c) * positions + p]));
            Assert.Equal(expected, outputs[GradientGraph.PerItemObjectiveName].Data[n], 4);
        }
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs);
    }

    [Fact]
    public void Diversity_is_minus_the_summed_pairwise_cosine_similarity_of_gram_matrices_over_the_batch_size()
    {
        var (outputs, graph) = Run(Objective.Diversity("act"), extra: ["act"]);

        Assert.Null(graph.PerItemObjectiveOutput);
        var grams = Enumerable.Range(0, Batch).Select(n => NormalizedGram(outputs["act"], n)).ToArray();
        var similarity = 0.0;
        for (var i = 0; i < Batch; i++)
            for (var j = 0; j < Batch; j++)
                if (i != j) similarity += grams[i].Zip(grams[j], (a, b) => a * b).Sum();
        Assert.Equal(-similarity / Batch, outputs[GradientGraph.TotalObjectiveName].Data[0], 4);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs, step: 1e-3f, absoluteTolerance: 1e-3);
    }

    [Fact]
    public void A_weighted_sum_of_per_item_and_batch_terms_has_the_gradient_of_its_total()
    {
        var objective = 2f * Objective.Channel("deep", [0, 1, 2]) - Objective.Neuron("act", 1) / 4f + 0.5f * Objective.Diversity("act");
        var (outputs, graph) = Run(objective);

        var channelOnly = Run(Objective.Channel("deep", [0, 1, 2])).Outputs[GradientGraph.PerItemObjectiveName].Data;
        var neuronOnly = Run(Objective.Neuron("act", 1)).Outputs[GradientGraph.PerItemObjectiveName].Data;
        var diversity = Run(Objective.Diversity("act")).Outputs[GradientGraph.TotalObjectiveName].Data[0];
        var perItem = outputs[GradientGraph.PerItemObjectiveName].Data;
        for (var n = 0; n < Batch; n++) Assert.Equal(2 * channelOnly[n] - neuronOnly[n] / 4, perItem[n], 4);
        Assert.Equal(perItem.Sum() + 0.5f * diversity, outputs[GradientGraph.TotalObjectiveName].Data[0], 4);
        Assert.Equal("2 × channel(deep:[0,1,2]) - 0.25 × neuron(act:1) + 0.5 × diversity(act)", objective.Description);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs, step: 1e-3f, absoluteTolerance: 1e-3);
    }

    [Fact]
    public void Parse_reads_layer_and_channel()
    {
        var objective = Objective.Parse("/layer1/relu:12");
        Assert.Equal("channel(/layer1/relu:12)", objective.Description);
        Assert.Equal(["/layer1/relu"], objective.Tensors);
        Assert.Throws<FormatException>(() => Objective.Parse("no-channel"));
        Assert.Equal("-channel(a:1) - 3 × channel(b:2)", (-Objective.Parse("a:1") - 3f * Objective.Parse("b:2")).Description);
    }

    [Fact]
    public void A_channel_outside_the_layer_or_a_per_item_list_of_the_wrong_length_is_rejected()
    {
        var builder = new GradientGraphBuilder(TinyConvNet.Build(), "X", [Batch, 2, 6, 6]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(Objective.Channel("act", 4)));
        Assert.Throws<ArgumentException>(() => builder.Build(Objective.Channel("act", [0, 1])));
        Assert.Throws<ArgumentException>(() => builder.Build(Objective.Channel("no_such_tensor", 0)));
    }

    private (Dictionary<string, FloatTensor> Outputs, GradientGraph Graph) Run(Objective objective, IReadOnlyList<string>? extra = null)
    {
        var graph = new GradientGraphBuilder(TinyConvNet.Build(), "X", [Batch, 2, 6, 6]).Build(objective, extraOutputs: extra);
        return (OrtRunner.RunOnce(graph.Model, _inputs), graph);
    }

    private static double[] NormalizedGram(FloatTensor activation, int item)
    {
        var (channels, positions) = (activation.Shape[1], activation.Shape[2] * activation.Shape[3]);
        var gram = new double[channels * channels];
        for (var a = 0; a < channels; a++)
            for (var b = 0; b < channels; b++)
                for (var p = 0; p < positions; p++)
                    gram[a * channels + b] += (double)activation.Data[(item * channels + a) * positions + p] * activation.Data[(item * channels + b) * positions + p];
        var norm = Math.Sqrt(gram.Sum(v => v * v));
        return gram.Select(v => v / norm).ToArray();
    }
}

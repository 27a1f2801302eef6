using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Tests.Support;
using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Objectives;

/// <summary>
/// Objectives as the gradient graph computes them, on a tiny model: each value against one computed by hand from the
/// activations, each gradient against central finite differences of the graph's own total.
/// </summary>
public class GraphObjectiveTests
{
    private const int Batch = 3;
    private static readonly Core.Models.ModelManifest Manifest = EmbeddingLayer.AddTo(TinyClipNet.Manifest);
    private readonly Dictionary<string, FloatTensor> _inputs = new() { ["X"] = FloatTensor.Random(new Random(31), Batch, 2, 6, 6) };

    [Fact]
    public void Per_item_channel_objective_is_each_items_mean_of_its_own_channel()
    {
        var (outputs, graph) = Run(LayerObjective.Channel("act", [0, 3, 1]), extra: ["act"]);

        var act = outputs["act"];
        int[] channels = [0, 3, 1];
        var expected = Enumerable.Range(0, Batch).Select(n => ChannelMean(act, n, channels[n])).ToArray();
        Assert.Equal([Batch], outputs[GradientGraph.PerItemObjectiveName].Shape);
        Assert.All(expected.Zip(outputs[GradientGraph.PerItemObjectiveName].Data), p => Assert.Equal(p.First, p.Second, 5));
        Assert.Equal(expected.Sum(), outputs[GradientGraph.TotalObjectiveName].Data[0], 4);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs);
    }

    [Fact]
    public void Neuron_objective_reads_the_centre_position()
    {
        var (outputs, graph) = Run(LayerObjective.Neuron("act", [2, 2, 0]), extra: ["act"]);

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
        var (outputs, graph) = Run(LayerObjective.Direction("deep", direction), extra: ["deep"]);

        var deep = outputs["deep"];
        for (var n = 0; n < Batch; n++)
        {
            var expected = Enumerable.Range(0, 3).Sum(c => direction[c] * ChannelMean(deep, n, c));
            Assert.Equal(expected, outputs[GradientGraph.PerItemObjectiveName].Data[n], 4);
        }
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs);
    }

    [Fact]
    public void Diversity_is_minus_the_summed_pairwise_cosine_similarity_of_gram_matrices_over_the_batch_size()
    {
        var (outputs, graph) = Run(LayerObjective.Diversity("act"), extra: ["act"]);

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
        var objective = 2f * LayerObjective.Channel("deep", [0, 1, 2]) - LayerObjective.Neuron("act", 1) / 4f + 0.5f * LayerObjective.Diversity("act");
        var (outputs, graph) = Run(objective);

        var channelOnly = Run(LayerObjective.Channel("deep", [0, 1, 2])).Outputs[GradientGraph.PerItemObjectiveName].Data;
        var neuronOnly = Run(LayerObjective.Neuron("act", 1)).Outputs[GradientGraph.PerItemObjectiveName].Data;
        var diversity = Run(LayerObjective.Diversity("act")).Outputs[GradientGraph.TotalObjectiveName].Data[0];
        var perItem = outputs[GradientGraph.PerItemObjectiveName].Data;
        for (var n = 0; n < Batch; n++) Assert.Equal(2 * channelOnly[n] - neuronOnly[n] / 4, perItem[n], 4);
        Assert.Equal(perItem.Sum() + 0.5f * diversity, outputs[GradientGraph.TotalObjectiveName].Data[0], 4);
        Assert.Equal("2 × channel(deep:[0,1,2]) - 0.25 × neuron(act:1) + 0.5 × diversity(act)", objective.Description);
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs, step: 1e-3f, absoluteTolerance: 1e-3);
    }

    [Fact]
    public void A_text_term_combined_with_a_layer_term_is_the_embedding_cosine_plus_the_weighted_channel_mean()
    {
        float[] textEmbedding = [0.6f, -0.8f, 0f];
        var resolved = new List<string>();
        var objective = ObjectiveExpression.Parse("text:\"spider\" + 0.5*act:2", TinyClipNet.Manifest, text =>
        {
            resolved.Add(text);
            return textEmbedding;
        });
        var (outputs, graph) = Run(objective, extra: ["embed", "act"]);

        Assert.Equal(["spider"], resolved);
        var embed = outputs["embed"];
        for (var n = 0; n < Batch; n++)
        {
            var x = embed.Data.AsSpan(n * 3, 3).ToArray();
            var cosine = x.Zip(textEmbedding, (a, b) => (double)a * b).Sum() / Math.Sqrt(x.Sum(v => (double)v * v));
            var expected = cosine + 0.5 * ChannelMean(outputs["act"], n, 2);
            Assert.Equal(expected, outputs[GradientGraph.PerItemObjectiveName].Data[n], 4);
            Assert.Equal(expected, objective.ReadOut(new Dictionary<string, float[]>
            {
                [EmbeddingLayer.Id] = embed.Data, ["act"] = outputs["act"].Data,
            }, Manifest, n), 4);
        }
        GradientCheck.AssertMatchesFiniteDifferences(graph, _inputs, step: 1e-3f, absoluteTolerance: 1e-3);
    }

    [Fact]
    public void A_channel_outside_the_layer_a_per_item_list_of_the_wrong_length_or_an_unknown_layer_is_rejected()
    {
        var builder = new GradientGraphBuilder(TinyClipNet.Build(), "X", [Batch, 2, 6, 6]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(LayerObjective.Channel("act", 4).ToObjective(Manifest)));
        Assert.Throws<ArgumentException>(() => builder.Build(LayerObjective.Channel("act", [0, 1]).ToObjective(Manifest)));
        Assert.Throws<ArgumentException>(() => LayerObjective.Channel("no_such_layer", 0).ToObjective(Manifest));
    }

    private (Dictionary<string, FloatTensor> Outputs, GradientGraph Graph) Run(LayerObjective objective, IReadOnlyList<string>? extra = null)
    {
        var graph = new GradientGraphBuilder(TinyClipNet.Build(), "X", [Batch, 2, 6, 6]).Build(objective.ToObjective(Manifest), extraOutputs: extra);
        return (OrtRunner.RunOnce(graph.Model, _inputs), graph);
    }

    private static double ChannelMean(FloatTensor activation, int item, int channel)
    {
        var (channels, positions) = (activation.Shape[1], activation.Shape[2] * activation.Shape[3]);
        return Enumerable.Range(0, positions).Average(p => activation.Data[(item * channels + channel) * positions + p]);
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

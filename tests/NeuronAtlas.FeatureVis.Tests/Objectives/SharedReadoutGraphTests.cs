using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Objectives.Graph;
using NeuronAtlas.FeatureVis.Tests.Support;
using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Objectives;

/// <summary>
/// One gradient graph over a set of layers, loaded once in one ONNX Runtime session, serves every objective over those
/// layers: fed each objective's weights, it gives the objective and gradient of a graph built for that objective alone
/// (over only the layers it reads, in its own session) and a gradient equal to finite differences.
/// </summary>
public class SharedReadoutGraphTests
{
    private const int Batch = 3;
    private static readonly Core.Models.ModelManifest Manifest = EmbeddingLayer.AddTo(TinyClipNet.Manifest);
    private static readonly int[] InputShape = [Batch, 2, 6, 6];
    private readonly Dictionary<string, FloatTensor> _inputs = new() { ["X"] = FloatTensor.Random(new Random(57), InputShape) };

    public static TheoryData<string> Objectives => [.. ObjectivesByName.Keys];

    private static readonly Dictionary<string, LayerObjective> ObjectivesByName = new()
    {
        ["channel per item"] = LayerObjective.Channel("act", [0, 3, 1]),
        ["neuron"] = LayerObjective.Neuron("deep", 2),
        ["direction per item"] = LayerObjective.Direction("deep", [[0.5f, -1f, 2f], [0f, 1f, 0f], [-1f, 0f, 0.25f]]),
        ["diversity"] = LayerObjective.Diversity("act"),
        ["text"] = LayerObjective.Text("spider", [0.6f, -0.8f, 0f]),
        ["weighted sum"] = 2f * LayerObjective.Channel("deep", [0, 1, 2]) - LayerObjective.Neuron("act", 1) / 4f + 0.5f * LayerObjective.Diversity("act")
            + LayerObjective.Text("cat", [0f, 0.6f, 0.8f]) - 0.5f * LayerObjective.Text("dog", [1f, 0f, 0f]),
        ["same channel twice"] = LayerObjective.Channel("act", 2) + LayerObjective.Neuron("act", 2) - 3f * LayerObjective.Channel("act", 2),
    };

    private static readonly ReadoutGraph Shared = new(Manifest, ["act", "deep", EmbeddingLayer.Id], Batch);

    [Fact]
    public void One_session_serves_objectives_in_any_order_with_each_ones_own_gradient()
    {
        var graph = Build(Shared);
        using var session = new OrtRunner(graph.Model);
        var first = ObjectivesByName.ToDictionary(o => o.Key, o => session.Run(ReadoutFeeds.Of(graph, _inputs, Shared.Weights(o.Value))));
        foreach (var (name, objective) in ObjectivesByName.Reverse())
        {
            var again = session.Run(ReadoutFeeds.Of(graph, _inputs, Shared.Weights(objective)));
            AssertClose(first[name][graph.InputGradientOutput].Data, again[graph.InputGradientOutput].Data, 0, name);
            Assert.Equal(first[name][GradientGraph.TotalObjectiveName].Data[0], again[GradientGraph.TotalObjectiveName].Data[0]);
        }
        var channel = first["channel per item"][graph.InputGradientOutput].Data;
        var neuron = first["neuron"][graph.InputGradientOutput].Data;
        Assert.True(channel.Zip(neuron).Any(p => Math.Abs(p.First - p.Second) > 1e-3), "Different objectives gave the same gradient.");
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void The_shared_graph_gives_the_objective_and_gradient_of_a_graph_built_for_the_objective_alone(string name)
    {
        var objective = ObjectivesByName[name];
        var sharedGraph = Build(Shared);
        var shared = OrtRunner.RunOnce(sharedGraph.Model, ReadoutFeeds.Of(sharedGraph, _inputs, Shared.Weights(objective)));

        var (alone, aloneWeights) = objective.ToReadoutGraph(Manifest, Batch);
        var aloneGraph = Build(alone);
        var reference = OrtRunner.RunOnce(aloneGraph.Model, ReadoutFeeds.Of(aloneGraph, _inputs, aloneWeights));

        AssertClose(reference[GradientGraph.PerItemObjectiveName].Data, shared[GradientGraph.PerItemObjectiveName].Data, 1e-5, name);
        AssertClose(reference[GradientGraph.TotalObjectiveName].Data, shared[GradientGraph.TotalObjectiveName].Data, 1e-5, name);
        AssertClose(reference[aloneGraph.InputGradientOutput].Data, shared[sharedGraph.InputGradientOutput].Data, 1e-5, name);
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void The_shared_graphs_gradient_matches_finite_differences(string name)
    {
        var graph = Build(Shared);
        GradientCheck.AssertMatchesFiniteDifferences(graph, ReadoutFeeds.Of(graph, _inputs, Shared.Weights(ObjectivesByName[name])),
            step: 1e-3f, absoluteTolerance: 1e-3);
    }

    private static GradientGraph Build(ReadoutGraph readouts) =>
        new GradientGraphBuilder(TinyClipNet.Build(), "X", InputShape).Build(readouts.Objective);

    private static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }
}

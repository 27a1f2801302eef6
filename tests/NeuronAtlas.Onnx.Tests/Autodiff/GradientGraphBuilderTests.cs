using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Autodiff;

public class GradientGraphBuilderTests
{
    [Fact]
    public void An_op_without_a_gradient_rule_fails_naming_the_op_type_and_the_node()
    {
        var model = TestModels.Create().Input("X", 2, 3).Node("Celu", ["X"], "Y").Output("Y").Build();
        model.Graph.Node[0].Name = "my_celu";

        var error = Assert.Throws<MissingGradientRuleException>(() => new GradientGraphBuilder(model, "X", [2, 3]).Build(new TensorSum("Y")));

        Assert.Equal("Celu", error.OpType);
        Assert.Equal("my_celu", error.NodeName);
        Assert.Contains("'Celu'", error.Message);
        Assert.Contains("'my_celu'", error.Message);
    }

    [Fact]
    public void A_rule_registered_by_the_caller_is_used()
    {
        var model = TestModels.Create().Input("X", 2, 3).Node("Celu", ["X"], "Y").Output("Y").Build();
        var registry = GradientRegistry.CreateDefault();
        // Celu with alpha 1 is x for x > 0 and exp(x) - 1 below: derivative 1 or exp(x) = y + 1.
        registry.Register("Celu", c =>
        {
            var e = c.Emit;
            var slope = e.Node("Where", [e.Node("Greater", [c.I(0), e.Constant(0f)]), e.Constant(1f), e.Add(c.O(0), e.Constant(1f))]);
            c.SetGI(0, e.Mul(c.GO(0), slope));
        });
        var inputs = new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.RandomAwayFromZero(new Random(37), 0.05f, 2, 3) };

        var graph = new GradientGraphBuilder(model, "X", [2, 3], registry: registry).Build(new TensorSum("Y"));

        GradientCheck.AssertMatchesFiniteDifferences(graph, inputs);
    }

    [Fact]
    public void An_objective_that_does_not_depend_on_the_input_is_rejected()
    {
        var model = TestModels.Create().Input("X", 2).Node("Shape", ["X"], "s").Node("Cast", ["s"], "Y", NeuronAtlas.Onnx.Graph.OnnxAttribute.Int("to", 1))
            .Output("Y").Build();
        var error = Assert.Throws<InvalidOperationException>(() => new GradientGraphBuilder(model, "X", [2]).Build(new TensorSum("Y")));
        Assert.Contains("does not depend on X", error.Message);
    }

    [Fact]
    public void The_gradient_graph_is_saved_as_onnx_that_runs_the_same_after_loading()
    {
        var graph = new GradientGraphBuilder(TinyConvNet.Build(), "X", [1, 2, 6, 6]).Build(new ChannelMean("deep", 1));
        var path = Path.Combine(Path.GetTempPath(), $"gradient-{Guid.NewGuid():N}.onnx");
        try
        {
            graph.Save(path);
            var loaded = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            var inputs = new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(new Random(41), 1, 2, 6, 6) };
            var before = OrtRunner.RunOnce(graph.Model, inputs);
            var after = OrtRunner.RunOnce(loaded, inputs);
            Assert.Equal("X_gradient", graph.InputGradientOutput);
            Assert.Equal(before["X_gradient"].Data, after["X_gradient"].Data);
            Assert.Equal([1, 2, 6, 6], after["X_gradient"].Shape);
            Assert.Equal([1], after[GradientGraph.PerItemObjectiveName].Shape);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Graph;

public class GraphPrunerTests
{
    [Fact]
    public void Pruning_resnet18_to_its_second_stage_keeps_only_the_nodes_and_weights_that_feed_it()
    {
        var model = ResNet18.Load();

        GraphPruner.PruneTo(model.Graph, [ResNet18.Stage2]);

        Assert.Equal([ResNet18.Stage2], model.Graph.Output.Select(o => o.Name));
        Assert.Equal(ResNet18.Stage2, model.Graph.Node.Last().Output[0]);
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "AveragePool" || n.Output[0] == ResNet18.Stage3);
        var read = model.Graph.Node.SelectMany(n => n.Input).ToHashSet();
        Assert.All(model.Graph.Initializer, initializer => Assert.Contains(initializer.Name, read));
        var output = OrtRunner.RunOnce(model, ResNet18.Feed(ResNet18.RandomImage(new Random(6))))[ResNet18.Stage2];
        Assert.Equal([1, 128, 28, 28], output.Shape);
    }

    [Fact]
    public void Topological_sort_restores_an_order_where_producers_come_first()
    {
        var model = TestModels.Create().Input("X", 2).Node("Relu", ["b"], "Y").Node("Neg", ["a"], "b").Node("Abs", ["X"], "a").Output("Y").Build();

        GraphTopology.SortInPlace(model.Graph);

        Assert.Equal(["Abs", "Neg", "Relu"], model.Graph.Node.Select(n => n.OpType));
    }
}

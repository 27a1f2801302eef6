using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Graph;

public class TensorShapeResolverTests
{
    [Fact]
    public void Resnet18_stage_shapes_follow_the_given_batch_size_not_the_declared_one()
    {
        var model = ResNet18.Load();
        GraphPruner.PruneTo(model.Graph, [ResNet18.Stage4]);

        var resolved = TensorShapeResolver.Resolve(model, ResNet18.Input, [2, 3, 224, 224]);

        Assert.Equal([2, 64, 56, 56], resolved.Shape(ResNet18.Stage1));
        Assert.Equal([2, 128, 28, 28], resolved.Shape(ResNet18.Stage2));
        Assert.Equal([2, 256, 14, 14], resolved.Shape(ResNet18.Stage3));
        Assert.Equal([2, 512, 7, 7], resolved.Shape(ResNet18.Stage4));
        Assert.Equal([2, 64, 112, 112], resolved.Shape("Convolution249_Output_0"));
        Assert.True(resolved.IsFloat(ResNet18.Stage2));
    }

    [Fact]
    public void Integer_tensors_have_their_values_recorded_and_fold_into_initializers()
    {
        var model = TestModels.Create().Input("X", 3, 4, 5)
            .Node("Shape", ["X"], "shape").Int64s("starts", 1).Int64s("ends", 3).Node("Slice", ["shape", "starts", "ends"], "middle")
            .Int64s("flat", -1)
            .Node("Concat", ["middle", "flat"], "target", OnnxAttribute.Int("axis", 0))
            .Node("Reshape", ["X", "target"], "Y").Output("Y").Build();
        GraphPruner.PruneTo(model.Graph, ["Y"]);

        var resolved = TensorShapeResolver.Resolve(model, "X", [3, 4, 5]);
        var removed = ConstantFolder.FoldShapeArithmetic(model.Graph, resolved);

        Assert.Equal([3, 4, 5], resolved.IntegerValues["shape"]);
        Assert.Equal([4, 5, -1], resolved.IntegerValues["target"]);
        Assert.Equal(3, removed);
        Assert.Equal(["Reshape"], model.Graph.Node.Select(n => n.OpType));
        Assert.Equal([4, 5, -1], OnnxTensor.ToInt64s(model.Graph.Initializer.Single(i => i.Name == "target")));
        Assert.Equal([4, 5, 3], OrtRunner.RunOnce(model, new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(new Random(5), 3, 4, 5) })["Y"].Shape);
    }
}

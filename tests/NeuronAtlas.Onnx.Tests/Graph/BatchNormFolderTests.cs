using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Graph;

public class BatchNormFolderTests
{
    [Fact]
    public void Folding_every_batch_norm_of_resnet18_keeps_its_outputs()
    {
        var original = ResNet18.Load();
        var folded = original.Clone();

        var count = BatchNormFolder.Fold(folded);

        Assert.Equal(22, count);
        Assert.DoesNotContain(folded.Graph.Node, n => n.OpType == "BatchNormalization");
        Assert.All(folded.Graph.Node.Where(n => n.OpType == "Conv"), conv => Assert.Equal(3, conv.Input.Count));
        var feed = ResNet18.Feed(ResNet18.RandomImage(new Random(1)));
        var expected = OrtRunner.RunOnce(original, feed)[ResNet18.Output].Data;
        var actual = OrtRunner.RunOnce(folded, feed)[ResNet18.Output].Data;
        var scale = expected.Max(MathF.Abs);
        var maxDifference = expected.Zip(actual, (a, b) => MathF.Abs(a - b)).Max();
        Assert.True(maxDifference <= 1e-4f * scale, $"max |difference| {maxDifference} for outputs up to {scale}");
    }

    [Fact]
    public void A_conv_whose_output_is_also_read_elsewhere_is_not_folded()
    {
        var random = new Random(2);
        var model = TestModels.Create().Input("X", 1, 2, 4, 4)
            .Constant("W", FloatTensor.Random(random, 2, 2, 1, 1).Data, 2, 2, 1, 1)
            .Constant("s", [1f, 2f], 2).Constant("b", [0f, 1f], 2).Constant("m", [0.5f, 0f], 2).Constant("v", [1f, 4f], 2)
            .Node("Conv", ["X", "W"], "c").Node("BatchNormalization", ["c", "s", "b", "m", "v"], "bn").Node("Add", ["bn", "c"], "Y")
            .Output("Y").Build();

        Assert.Equal(0, BatchNormFolder.Fold(model));
        Assert.Contains(model.Graph.Node, n => n.OpType == "BatchNormalization");
    }
}

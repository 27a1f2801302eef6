using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Graph;

public class OpsetConverterTests
{
    [Theory]
    [InlineData(14)]
    [InlineData(18)]
    public void Upgrading_resnet18_from_opset_8_keeps_its_outputs(int target)
    {
        var original = ResNet18.Load();
        var upgraded = original.Clone();

        OpsetConverter.Convert(upgraded, target);

        Assert.Equal(target, ModelOpset.Get(upgraded));
        Assert.True(upgraded.IrVersion >= ModelOpset.MinimumIrVersion(target));
        Assert.DoesNotContain(upgraded.Graph.Node, n => n.HasAttribute("spatial"));
        var feed = ResNet18.Feed(ResNet18.RandomImage(new Random(3)));
        var expected = OrtRunner.RunOnce(original, feed)[ResNet18.Output].Data;
        var actual = OrtRunner.RunOnce(upgraded, feed)[ResNet18.Output].Data;
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(MathF.Abs);
        Assert.All(expected.Zip(actual), pair => Assert.True(MathF.Abs(pair.First - pair.Second) <= 1e-5f * scale));
    }

    [Fact]
    public void Attributes_that_became_inputs_are_moved_and_the_results_do_not_change()
    {
        // Opset 9: Slice, Pad, Clip, Squeeze, Unsqueeze, Split and ReduceSum all take attributes.
        var model = TestModels.Create(opset: 9).Input("X", 2, 6, 5)
            .Node("Slice", ["X"], "s", OnnxAttribute.Ints("starts", [1, 0]), OnnxAttribute.Ints("ends", [6, -1]), OnnxAttribute.Ints("axes", [1, 2]))
            .Node("Pad", ["s"], "p", OnnxAttribute.Ints("pads", [0, 1, 0, 0, 2, 1]), OnnxAttribute.Float("value", 0.25f))
            .Node("Clip", ["p"], "c", OnnxAttribute.Float("min", -0.5f), OnnxAttribute.Float("max", 0.6f))
            .Node("Unsqueeze", ["c"], "u", OnnxAttribute.Ints("axes", [0]))
            .Node("Squeeze", ["u"], "q", OnnxAttribute.Ints("axes", [0]))
            .Node("Split", ["q"], ["a", "b"], OnnxAttribute.Int("axis", 1), OnnxAttribute.Ints("split", [3, 5]))
            .Node("ReduceSum", ["b"], "r", OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 1))
            .Node("ReduceMean", ["a"], "m", OnnxAttribute.Ints("axes", [2]), OnnxAttribute.Int("keepdims", 1))
            .Node("Softmax", ["q"], "soft", OnnxAttribute.Int("axis", 1))
            .Output("r", "m", "soft").Build();
        var inputs = new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(new Random(4), 2, 6, 5) };
        var expected = OrtRunner.RunOnce(model, inputs);

        OpsetConverter.Convert(model, 18);

        var actual = OrtRunner.RunOnce(model, inputs);
        foreach (var name in new[] { "r", "m", "soft" })
        {
            Assert.Equal(expected[name].Shape, actual[name].Shape);
            Assert.All(expected[name].Data.Zip(actual[name].Data), pair => Assert.Equal(pair.First, pair.Second, 5));
        }
        Assert.All(model.Graph.Node.Where(n => n.OpType is "Slice" or "Pad" or "Squeeze" or "Unsqueeze" or "ReduceSum" or "ReduceMean"),
            node => Assert.DoesNotContain(node.Attribute, a => a.Name is "starts" or "pads" or "axes"));
        Assert.Contains(model.Graph.Node, n => n.OpType == "Softmax" && n.GetInt("axis", -1) == 1 && n.Input[0].Contains("Flatten"));
    }

    [Fact]
    public void Lowering_the_opset_is_refused()
    {
        var model = TestModels.Create(opset: 14).Input("X", 1).Node("Relu", ["X"], "Y").Output("Y").Build();
        Assert.Throws<NotSupportedException>(() => OpsetConverter.Convert(model, 13));
    }

    [Fact]
    public void An_op_whose_change_is_not_handled_is_refused_naming_it()
    {
        var model = TestModels.Create(opset: 9).Input("X", 1, 1, 2, 2).Constant("scales", [1f, 1f, 2f, 2f], 4)
            .Node("Upsample", ["X", "scales"], "Y").Output("Y").Build();
        var error = Assert.Throws<NotSupportedException>(() => OpsetConverter.Convert(model, 14));
        Assert.Contains("Upsample", error.Message);
    }
}

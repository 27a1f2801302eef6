using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class ConvPoolGradientsTests
{
    private readonly Random _random = new(13);

    [Theory]
    [InlineData(1, new[] { 1, 1 }, new[] { 1, 1, 1, 1 }, new[] { 1, 1 })]
    [InlineData(1, new[] { 2, 2 }, new[] { 1, 1, 0, 0 }, new[] { 1, 1 })]
    [InlineData(1, new[] { 2, 2 }, new[] { 3, 3, 2, 2 }, new[] { 1, 1 })]
    [InlineData(2, new[] { 2, 1 }, new[] { 0, 1, 1, 0 }, new[] { 1, 1 })]
    [InlineData(4, new[] { 1, 1 }, new[] { 1, 1, 1, 1 }, new[] { 1, 1 })]
    [InlineData(1, new[] { 1, 1 }, new[] { 2, 2, 2, 2 }, new[] { 2, 2 })]
    [InlineData(1, new[] { 3, 2 }, new[] { 0, 0, 0, 0 }, new[] { 1, 2 })]
    public void Conv_gradients_match_for_groups_strides_pads_and_dilations(int group, int[] strides, int[] pads, int[] dilations)
    {
        var kernel = pads[0] == 3 ? 7 : 3;
        int[] inputShape = [2, 4, 9, 8];
        int[] weightShape = [4, 4 / group, kernel, kernel];
        var model = TestModels.Create().Input("X", inputShape).Input("W", weightShape).Input("B", 4)
            .Node("Conv", ["X", "W", "B"], "Y", OnnxAttribute.Int("group", group), OnnxAttribute.Ints("strides", strides),
                OnnxAttribute.Ints("pads", pads), OnnxAttribute.Ints("dilations", dilations), OnnxAttribute.Ints("kernel_shape", [kernel, kernel]))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor>
        {
            ["X"] = FloatTensor.Random(_random, inputShape),
            ["W"] = FloatTensor.Random(_random, weightShape),
            ["B"] = FloatTensor.Random(_random, 4),
        });
    }

    [Theory]
    [InlineData("SAME_UPPER")]
    [InlineData("SAME_LOWER")]
    [InlineData("VALID")]
    public void Conv_gradient_matches_with_auto_pad(string autoPad)
    {
        var model = TestModels.Create().Input("X", 1, 2, 7, 6).Constant("W", FloatTensor.Random(_random, 3, 2, 3, 3).Data, 3, 2, 3, 3)
            .Node("Conv", ["X", "W"], "Y", OnnxAttribute.String("auto_pad", autoPad), OnnxAttribute.Ints("strides", [2, 2]))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 1, 2, 7, 6) });
    }

    [Theory]
    [InlineData(0, new[] { 1, 1, 1, 1 }, new[] { 2, 2 }, 0)]
    [InlineData(1, new[] { 1, 1, 1, 1 }, new[] { 2, 2 }, 0)]
    [InlineData(0, new[] { 1, 0, 2, 1 }, new[] { 2, 1 }, 0)]
    [InlineData(1, new[] { 1, 0, 2, 1 }, new[] { 2, 1 }, 0)]
    [InlineData(0, new[] { 0, 0, 0, 0 }, new[] { 2, 2 }, 1)]
    [InlineData(1, new[] { 1, 1, 1, 1 }, new[] { 2, 2 }, 1)]
    [InlineData(0, new[] { 0, 0, 0, 0 }, new[] { 1, 1 }, 0)]
    public void AveragePool_gradient_matches_with_and_without_counting_pads(int countIncludePad, int[] pads, int[] strides, int ceilMode)
    {
        var model = TestModels.Create().Input("X", 2, 3, 7, 6)
            .Node("AveragePool", ["X"], "Y", OnnxAttribute.Ints("kernel_shape", [3, 3]), OnnxAttribute.Ints("pads", pads),
                OnnxAttribute.Ints("strides", strides), OnnxAttribute.Int("count_include_pad", countIncludePad), OnnxAttribute.Int("ceil_mode", ceilMode))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 3, 7, 6) });
    }

    [Fact]
    public void AveragePool_gradient_matches_the_pad_then_pool_pattern_of_pytorch_exports()
    {
        var model = TestModels.Create().Input("X", 1, 2, 8, 8)
            .Int64s("pads", 0, 0, 0, 0, 0, 0, 0, 0).Constant("zero", [0f])
            .Node("Pad", ["X", "pads", "zero"], "P")
            .Node("AveragePool", ["P"], "Y", OnnxAttribute.Ints("kernel_shape", [2, 2]), OnnxAttribute.Ints("strides", [2, 2]))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 1, 2, 8, 8) });
    }

    [Theory]
    [InlineData(new[] { 1, 1, 0, 0 }, new[] { 2, 2 }, 0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 1, 1 }, 0)]
    [InlineData(new[] { 1, 1, 1, 1 }, new[] { 2, 2 }, 1)]
    public void MaxPool_gradient_matches_with_overlapping_windows(int[] pads, int[] strides, int ceilMode)
    {
        var model = TestModels.Create().Input("X", 2, 2, 7, 7)
            .Node("MaxPool", ["X"], "Y", OnnxAttribute.Ints("kernel_shape", [3, 3]), OnnxAttribute.Ints("pads", pads),
                OnnxAttribute.Ints("strides", strides), OnnxAttribute.Int("ceil_mode", ceilMode))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Distinct(_random, 2, 2, 7, 7) },
            step: 2e-3f);
    }

    [Theory]
    [InlineData("GlobalAveragePool")]
    [InlineData("GlobalMaxPool")]
    public void Global_pool_gradients_match(string op)
    {
        var model = TestModels.Create().Input("X", 2, 3, 4, 5).Node(op, ["X"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Distinct(_random, 2, 3, 4, 5) },
            step: 2e-3f);
    }

    [Fact]
    public void Pad_gradient_drops_the_padding()
    {
        var model = TestModels.Create().Input("X", 2, 3, 4, 5)
            .Int64s("pads", 0, 1, 2, 0, 0, 0, 1, 3).Constant("value", [0.5f])
            .Node("Pad", ["X", "pads", "value"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 3, 4, 5) });
    }

    [Fact]
    public void Reflect_padding_is_rejected_naming_the_node()
    {
        var model = TestModels.Create().Input("X", 1, 1, 4, 4).Int64s("pads", 0, 0, 1, 1, 0, 0, 1, 1)
            .Node("Pad", ["X", "pads"], "Y", OnnxAttribute.String("mode", "reflect")).Output("Y").Build();
        var error = Assert.Throws<NotSupportedException>(() =>
            GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 1, 1, 4, 4) }));
        Assert.Contains("Pad node 'Pad_0'", error.Message);
        Assert.Contains("reflect", error.Message);
    }
}

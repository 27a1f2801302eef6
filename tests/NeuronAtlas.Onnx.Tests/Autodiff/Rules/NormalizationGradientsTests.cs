using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class NormalizationGradientsTests
{
    private readonly Random _random = new(23);

    [Theory]
    [InlineData("Softmax", -1)]
    [InlineData("Softmax", 1)]
    [InlineData("Softmax", 0)]
    [InlineData("LogSoftmax", -1)]
    [InlineData("LogSoftmax", 1)]
    public void Softmax_gradients_match_along_each_axis(string op, int axis)
    {
        var model = TestModels.Create().Input("X", 2, 4, 3).Node(op, ["X"], "Y", OnnxAttribute.Int("axis", axis)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 4, 3) });
    }

    [Fact]
    public void Softmax_from_opset_11_is_upgraded_to_its_coerced_2d_meaning_and_differentiated()
    {
        var model = TestModels.Create(opset: 11).Input("X", 2, 3, 4).Node("Softmax", ["X"], "Y", OnnxAttribute.Int("axis", 1)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 3, 4) });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void LayerNormalization_gradients_match_for_input_scale_and_bias(int axis)
    {
        int[] normalizedShape = axis == -1 ? [6] : [3, 6];
        var model = TestModels.Create().Input("X", 2, 3, 6).Input("S", normalizedShape).Input("B", normalizedShape)
            .Node("LayerNormalization", ["X", "S", "B"], "Y", OnnxAttribute.Int("axis", axis), OnnxAttribute.Float("epsilon", 1e-5f))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor>
        {
            ["X"] = FloatTensor.Random(_random, 2, 3, 6),
            ["S"] = FloatTensor.Random(_random, normalizedShape),
            ["B"] = FloatTensor.Random(_random, normalizedShape),
        });
    }

    [Fact]
    public void Spelled_out_layer_norm_of_a_pytorch_opset_14_export_differentiates()
    {
        var model = TestModels.Create(opset: 14).Input("X", 2, 5, 8)
            .Node("ReduceMean", ["X"], "mu", OnnxAttribute.Ints("axes", [-1]))
            .Node("Sub", ["X", "mu"], "xc").Constant("two", [2f]).Node("Pow", ["xc", "two"], "sq")
            .Node("ReduceMean", ["sq"], "var", OnnxAttribute.Ints("axes", [-1])).Constant("eps", [1e-5f])
            .Node("Add", ["var", "eps"], "ve").Node("Sqrt", ["ve"], "sd").Node("Div", ["xc", "sd"], "Y")
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 5, 8) });
    }

    [Fact]
    public void Inference_batch_normalization_that_cannot_be_folded_is_differentiated()
    {
        var random = _random;
        var model = TestModels.Create().Input("X", 2, 3, 4, 4)
            .Constant("scale", FloatTensor.Random(random, 3).Data, 3).Constant("bias", FloatTensor.Random(random, 3).Data, 3)
            .Constant("mean", FloatTensor.Random(random, 3).Data, 3).Constant("var", FloatTensor.Positive(random, 0.5f, 2f, 3).Data, 3)
            .Node("BatchNormalization", ["X", "scale", "bias", "mean", "var"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(random, 2, 3, 4, 4) });
    }
}

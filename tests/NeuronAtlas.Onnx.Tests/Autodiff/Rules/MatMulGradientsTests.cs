using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class MatMulGradientsTests
{
    private readonly Random _random = new(11);

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 3, 4 }, new[] { 2, 4, 5 })]
    [InlineData(new[] { 2, 1, 3, 4 }, new[] { 3, 4, 2 })]
    [InlineData(new[] { 4 }, new[] { 2, 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 4 }, new[] { 4 })]
    public void MatMul_gradients_match_for_batched_broadcast_and_vector_operands(int[] shapeA, int[] shapeB)
    {
        var model = TestModels.Create().Input("A", shapeA).Input("B", shapeB).Node("MatMul", ["A", "B"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor>
        {
            ["A"] = FloatTensor.Random(_random, shapeA),
            ["B"] = FloatTensor.Random(_random, shapeB),
        });
    }

    [Theory]
    [InlineData(0, 0, new[] { 3, 5 })]
    [InlineData(1, 0, new[] { 5 })]
    [InlineData(0, 1, new[] { 1, 5 })]
    [InlineData(1, 1, new[] { 3, 1 })]
    public void Gemm_gradients_match_for_every_transpose_combination_with_alpha_and_beta(int transA, int transB, int[] shapeC)
    {
        int[] shapeA = transA == 1 ? [4, 3] : [3, 4];
        int[] shapeB = transB == 1 ? [5, 4] : [4, 5];
        var model = TestModels.Create().Input("A", shapeA).Input("B", shapeB).Input("C", shapeC)
            .Node("Gemm", ["A", "B", "C"], "Y", OnnxAttribute.Int("transA", transA), OnnxAttribute.Int("transB", transB),
                OnnxAttribute.Float("alpha", 0.7f), OnnxAttribute.Float("beta", 1.3f))
            .Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor>
        {
            ["A"] = FloatTensor.Random(_random, shapeA),
            ["B"] = FloatTensor.Random(_random, shapeB),
            ["C"] = FloatTensor.Random(_random, shapeC),
        });
    }

    [Fact]
    public void Gemm_without_bias_differentiates_its_input_only_when_the_weights_are_constant()
    {
        var weights = FloatTensor.Random(_random, 6, 4);
        var model = TestModels.Create().Input("X", 2, 4).Constant("W", weights.Data, 6, 4)
            .Node("Gemm", ["X", "W"], "Y", OnnxAttribute.Int("transB", 1)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 4) });
    }
}

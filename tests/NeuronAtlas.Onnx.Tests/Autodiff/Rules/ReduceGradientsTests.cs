using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class ReduceGradientsTests
{
    private readonly Random _random = new(17);

    [Theory]
    [InlineData("ReduceSum", new long[] { 1 }, 1)]
    [InlineData("ReduceSum", new long[] { 0, 2 }, 0)]
    [InlineData("ReduceSum", new long[0], 0)]
    [InlineData("ReduceMean", new long[] { -1 }, 1)]
    [InlineData("ReduceMean", new long[] { 2, 3 }, 0)]
    [InlineData("ReduceMax", new long[] { 1 }, 0)]
    [InlineData("ReduceMin", new long[] { 2, 3 }, 1)]
    [InlineData("ReduceSumSquare", new long[] { 3 }, 0)]
    [InlineData("ReduceL2", new long[] { 1, 2 }, 1)]
    public void Reduce_gradients_match_with_and_without_keepdims(string op, long[] axes, int keepDims)
    {
        // Opset 18 takes every Reduce op's axes as an input, exercising the input form for all of them.
        var builder = TestModels.Create(opset: 18).Input("X", 2, 3, 4, 3);
        var inputs = new List<string> { "X" };
        if (axes.Length > 0)
        {
            builder.Int64s("axes", axes);
            inputs.Add("axes");
        }
        var model = builder.Node(op, inputs.ToArray(), "Y", OnnxAttribute.Int("keepdims", keepDims)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Distinct(_random, 2, 3, 4, 3) },
            step: 2e-3f);
    }

    [Fact]
    public void ReduceMean_with_axes_as_an_attribute_before_opset_18_matches()
    {
        var model = TestModels.Create(opset: 14).Input("X", 2, 5, 3)
            .Node("ReduceMean", ["X"], "Y", OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = FloatTensor.Random(_random, 2, 5, 3) });
    }
}

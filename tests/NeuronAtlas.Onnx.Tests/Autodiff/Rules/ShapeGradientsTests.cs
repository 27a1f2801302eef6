using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class ShapeGradientsTests
{
    private readonly Random _random = new(19);

    [Fact]
    public void Reshape_flatten_squeeze_and_unsqueeze_gradients_match()
    {
        var model = TestModels.Create().Input("X", 2, 3, 4)
            .Int64s("shape", 6, -1).Node("Reshape", ["X", "shape"], "r")
            .Int64s("axes", 0, 3).Node("Unsqueeze", ["r", "axes"], "u")
            .Node("Squeeze", ["u", "axes"], "s")
            .Node("Flatten", ["s"], "Y", OnnxAttribute.Int("axis", 0))
            .Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 2, 3, 4));
    }

    [Fact]
    public void Transpose_gradient_matches()
    {
        var model = TestModels.Create().Input("X", 2, 3, 4).Node("Transpose", ["X"], "Y", OnnxAttribute.Ints("perm", [1, 2, 0])).Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 2, 3, 4));
    }

    [Fact]
    public void Concat_gradient_splits_back_to_each_input()
    {
        var model = TestModels.Create().Input("A", 2, 3, 4).Input("B", 2, 1, 4).Constant("C", FloatTensor.Random(_random, 2, 2, 4).Data, 2, 2, 4)
            .Node("Concat", ["A", "C", "B"], "Y", OnnxAttribute.Int("axis", -2)).Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor>
        {
            ["A"] = FloatTensor.Random(_random, 2, 3, 4),
            ["B"] = FloatTensor.Random(_random, 2, 1, 4),
        });
    }

    [Fact]
    public void Split_gradient_concatenates_and_fills_unused_outputs_with_zeros()
    {
        var model = TestModels.Create().Input("X", 2, 7).Int64s("split", 2, 4, 1)
            .Node("Split", ["X", "split"], ["a", "b", "c"], OnnxAttribute.Int("axis", 1))
            .Node("Mul", ["a", "a"], "a2").Node("Concat", ["a2", "c"], "Y", OnnxAttribute.Int("axis", 1))
            .Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 2, 7));
    }

    [Theory]
    [InlineData(new long[] { 1, 0 }, new long[] { 4, 9 }, new long[] { 1, 2 }, new long[] { 1, 1 })]
    [InlineData(new long[] { 0, 1 }, new long[] { 100, -1 }, new long[] { 1, 2 }, new long[] { 2, 3 })]
    [InlineData(new long[] { -1 }, new long[] { -100 }, new long[] { 2 }, new long[] { -2 })]
    [InlineData(new long[] { 3, 7 }, new long[] { 0, 1 }, new long[] { 1, 2 }, new long[] { -1, -3 })]
    public void Slice_gradient_matches_with_steps_and_negative_indices(long[] starts, long[] ends, long[] axes, long[] steps)
    {
        var model = TestModels.Create().Input("X", 2, 5, 9)
            .Int64s("starts", starts).Int64s("ends", ends).Int64s("axes", axes).Int64s("steps", steps)
            .Node("Slice", ["X", "starts", "ends", "axes", "steps"], "Y").Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 2, 5, 9));
    }

    [Theory]
    [InlineData(0, new long[] { 2, 0, 2, -1 }, new[] { 4 })]
    [InlineData(1, new long[] { 1, 3, 1, 0 }, new[] { 2, 2 })]
    [InlineData(2, new long[] { -1 }, new int[0])]
    public void Gather_gradient_adds_up_repeated_indices(int axis, long[] indices, int[] indexShape)
    {
        var model = TestModels.Create().Input("X", 3, 4, 5).Int64s("indices", indices, indexShape)
            .Node("Gather", ["X", "indices"], "Y", OnnxAttribute.Int("axis", axis)).Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 3, 4, 5));
    }

    [Fact]
    public void Expand_gradient_sums_over_the_expanded_axes()
    {
        var model = TestModels.Create().Input("X", 3, 1).Int64s("shape", 2, 3, 4).Node("Expand", ["X", "shape"], "Y").Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 3, 1));
    }

    [Fact]
    public void Shape_arithmetic_feeding_a_reshape_is_folded_and_not_differentiated()
    {
        // The PyTorch export pattern: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
        var model = TestModels.Create().Input("X", 2, 3, 4)
            .Node("Shape", ["X"], "shape").Int64s("zero", [0], []).Node("Gather", ["shape", "zero"], "batch", OnnxAttribute.Int("axis", 0))
            .Int64s("axes", 0).Node("Unsqueeze", ["batch", "axes"], "batch1").Int64s("rest", -1)
            .Node("Concat", ["batch1", "rest"], "target", OnnxAttribute.Int("axis", 0))
            .Node("Reshape", ["X", "target"], "flat").Node("Cast", ["flat"], "Y", OnnxAttribute.Int("to", (int)DataType.Float))
            .Output("Y").Build();
        AssertSingle(model, FloatTensor.Random(_random, 2, 3, 4));
    }

    private static void AssertSingle(global::Onnx.ModelProto model, FloatTensor x) =>
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["X"] = x });
}

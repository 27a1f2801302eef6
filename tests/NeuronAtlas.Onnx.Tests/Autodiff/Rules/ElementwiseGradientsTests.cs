using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff.Rules;

public class ElementwiseGradientsTests
{
    private readonly Random _random = new(7);

    [Theory]
    [InlineData("Add", new[] { 2, 3, 4, 4 }, new[] { 1, 3, 1, 1 })]
    [InlineData("Add", new[] { 2, 3, 4, 4 }, new[] { 4 })]
    [InlineData("Add", new[] { 2, 3, 4, 4 }, new int[0])]
    [InlineData("Sub", new[] { 2, 3, 4, 4 }, new[] { 1, 3, 1, 1 })]
    [InlineData("Sub", new[] { 1, 3 }, new[] { 2, 1 })]
    [InlineData("Mul", new[] { 2, 3, 4, 4 }, new[] { 1, 3, 1, 1 })]
    [InlineData("Mul", new[] { 2, 3, 4, 4 }, new[] { 4 })]
    [InlineData("Mul", new[] { 2, 3, 4, 4 }, new int[0])]
    [InlineData("Div", new[] { 2, 3, 4, 4 }, new[] { 1, 3, 1, 1 })]
    [InlineData("Div", new[] { 2, 3, 4, 4 }, new[] { 4 })]
    [InlineData("Div", new[] { 2, 3, 4, 4 }, new int[0])]
    public void Binary_op_gradients_match_finite_differences_under_broadcasting(string op, int[] shapeA, int[] shapeB)
    {
        var a = FloatTensor.Random(_random, shapeA);
        var b = op == "Div" ? FloatTensor.Positive(_random, 0.5f, 1.5f, shapeB) : FloatTensor.Random(_random, shapeB);
        var model = TestModels.Create().Input("A", shapeA).Input("B", shapeB).Node(op, ["A", "B"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["A"] = a, ["B"] = b });
    }

    [Theory]
    [InlineData("Neg")]
    [InlineData("Relu")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Exp")]
    [InlineData("Erf")]
    [InlineData("Abs")]
    [InlineData("Identity")]
    [InlineData("LeakyRelu")]
    public void Unary_op_gradients_match_finite_differences(string op)
    {
        var x = FloatTensor.RandomAwayFromZero(_random, 0.05f, 2, 3, 5);
        AssertUnary(TestModels.Create().Input("X", 2, 3, 5).Node(op, ["X"], "Y").Output("Y").Build(), x);
    }

    [Theory]
    [InlineData("Log")]
    [InlineData("Sqrt")]
    [InlineData("Reciprocal")]
    public void Gradients_of_ops_defined_for_positive_inputs_match_finite_differences(string op)
    {
        var x = FloatTensor.Positive(_random, 0.5f, 2f, 2, 3, 5);
        AssertUnary(TestModels.Create().Input("X", 2, 3, 5).Node(op, ["X"], "Y").Output("Y").Build(), x);
    }

    [Fact]
    public void Pow_gradient_matches_for_a_constant_and_for_a_variable_exponent()
    {
        var x = FloatTensor.Positive(_random, 0.5f, 2f, 2, 6);
        var constant = TestModels.Create().Input("X", 2, 6).Constant("two", [2f]).Node("Pow", ["X", "two"], "Y").Output("Y").Build();
        AssertUnary(constant, x);
        var cube = TestModels.Create().Input("X", 2, 6).Constant("e", [3f]).Node("Pow", ["X", "e"], "Y").Output("Y").Build();
        AssertUnary(cube, x);
        var exponent = FloatTensor.Random(_random, 6);
        var variable = TestModels.Create().Input("X", 2, 6).Input("E", 6).Node("Pow", ["X", "E"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(variable, "Y", new Dictionary<string, FloatTensor> { ["X"] = x, ["E"] = exponent });
    }

    [Fact]
    public void Cast_to_float_passes_the_gradient_through()
    {
        var model = TestModels.Create().Input("X", 3, 4)
            .Node("Cast", ["X"], "Y", OnnxAttribute.Int("to", (int)global::Onnx.TensorProto.Types.DataType.Float))
            .Node("Tanh", ["Y"], "Z").Output("Z").Build();
        AssertUnary(model, FloatTensor.Random(_random, 3, 4), "Z");
    }

    [Fact]
    public void Clip_passes_the_gradient_only_inside_its_range()
    {
        var x = FloatTensor.Distinct(_random, 4, 6);
        // Bounds halfway between the evenly spaced inputs, so no finite-difference step crosses them.
        var model = TestModels.Create().Input("X", 4, 6).Constant("lo", [-0.52f]).Constant("hi", [0.435f])
            .Node("Clip", ["X", "lo", "hi"], "Y").Output("Y").Build();
        AssertUnary(model, x);
        var onlyMax = TestModels.Create().Input("X", 4, 6).Constant("hi", [0.435f]).Node("Clip", ["X", "", "hi"], "Y").Output("Y").Build();
        AssertUnary(onlyMax, x);
    }

    [Theory]
    [InlineData("Max")]
    [InlineData("Min")]
    public void Max_and_min_send_the_gradient_to_the_winning_operand(string op)
    {
        var a = FloatTensor.Distinct(_random, 3, 4);
        var b = FloatTensor.Random(_random, 4);
        for (var i = 0; i < b.Data.Length; i++) b.Data[i] += 0.013f; // keep clear of ties with a's evenly spaced values
        var model = TestModels.Create().Input("A", 3, 4).Input("B", 4).Node(op, ["A", "B"], "Y").Output("Y").Build();
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", new Dictionary<string, FloatTensor> { ["A"] = a, ["B"] = b }, step: 1e-3f);
    }

    [Fact]
    public void Where_routes_the_gradient_by_its_condition()
    {
        var model = TestModels.Create().Input("C", 3, 4).Input("A", 3, 4).Input("B", 1, 4)
            .Constant("zero", [0f]).Node("Greater", ["C", "zero"], "cond")
            .Node("Where", ["cond", "A", "B"], "Y").Output("Y").Build();
        var inputs = new Dictionary<string, FloatTensor>
        {
            ["C"] = FloatTensor.RandomAwayFromZero(_random, 0.1f, 3, 4),
            ["A"] = FloatTensor.Random(_random, 3, 4),
            ["B"] = FloatTensor.Random(_random, 1, 4),
        };
        GradientCheck.AssertMatchesFiniteDifferences(model, "Y", inputs, differentiate: ["A", "B"]);
    }

    [Fact]
    public void A_tensor_read_by_several_nodes_gets_the_sum_of_their_gradients()
    {
        var model = TestModels.Create().Input("X", 2, 5)
            .Node("Sigmoid", ["X"], "s").Node("Tanh", ["X"], "t").Node("Mul", ["s", "X"], "m").Node("Add", ["m", "t"], "Y")
            .Output("Y").Build();
        AssertUnary(model, FloatTensor.Random(_random, 2, 5));
    }

    private static void AssertUnary(global::Onnx.ModelProto model, FloatTensor x, string output = "Y") =>
        GradientCheck.AssertMatchesFiniteDifferences(model, output, new Dictionary<string, FloatTensor> { ["X"] = x });
}

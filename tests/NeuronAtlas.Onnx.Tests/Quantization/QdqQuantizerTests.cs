using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Quantization;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;

namespace NeuronAtlas.Onnx.Tests.Quantization;

public class QdqQuantizerTests
{
    /// <summary>x [1, 2, 3, 3] → 1x1 Conv with two output channels and a bias → Relu → y.</summary>
    private static ModelProto OneConv() => TestModels.Create()
        .Input("x", 1, 2, 3, 3)
        .Constant("W", [0.5f, -1.27f, 0.3f, 0.1f], 2, 2, 1, 1)
        .Constant("B", [0.2f, -0.1f], 2)
        .Node("Conv", ["x", "W", "B"], "c")
        .Node("Relu", ["c"], "y")
        .Output("y")
        .Build();

    [Fact]
    public void A_conv_gets_int8_weights_per_output_channel_and_an_int32_bias_as_computed_by_hand()
    {
        var quantizer = new QdqQuantizer(OneConv());
        Assert.Equal(["x", "y"], quantizer.CalibrationTensors);

        var quantized = quantizer.Quantize(new Dictionary<string, ActivationRange> { ["x"] = new(-1f, 2f), ["y"] = new(0f, 5.1f) });

        var graph = quantized.Graph;
        var conv = Assert.Single(graph.Node, n => n.OpType == "Conv");
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Relu");
        var (weights, weightScales, weightZeros) = DequantizedInitializer(graph, conv.Input[1]);
        // Channel 0: max |w| = 1.27, scale 1.27 / 127 = 0.01: 0.5 → 50, -1.27 → -127. Channel 1: scale 0.3 / 127: 0.3 → 127, 0.1 → 42.33 → 42.
        Assert.Equal(TensorProto.Types.DataType.Int8, (TensorProto.Types.DataType)weights.DataType);
        Assert.Equal(new sbyte[] { 50, -127, 127, 42 }, weights.RawData.Select(b => (sbyte)b).ToArray());
        Assert.Equal([0.01f, 0.3f / 127], OnnxTensor.ToFloats(weightScales), new FloatTolerance(1e-9f));
        Assert.All(weightZeros.RawData, b => Assert.Equal(0, b));

        // Input: [-1, 2] over 255 steps, scale 3/255, zero point 1 / (3/255) = 85. Bias scale: input scale x weight scale.
        var (bias, biasScales, _) = DequantizedInitializer(graph, conv.Input[2]);
        Assert.Equal(TensorProto.Types.DataType.Int32, (TensorProto.Types.DataType)bias.DataType);
        var expectedBias = new[] { (int)Math.Round(0.2 / (0.01 * 3 / 255.0)), (int)Math.Round(-0.1 / (0.3 / 127 * 3 / 255.0)) };
        Assert.Equal(expectedBias, OnnxTensor.ToInt64s(bias).Select(v => (int)v).ToArray());
        Assert.Equal([0.01f * 3 / 255, 0.3f / 127 * 3 / 255], OnnxTensor.ToFloats(biasScales), new FloatTolerance(1e-9f));

        var inputQuantize = Assert.Single(graph.Node, n => n.OpType == "QuantizeLinear" && n.Input[0] == "x");
        Assert.Equal(3f / 255, OnnxTensor.ToFloats(Initializer(graph, inputQuantize.Input[1]))[0], 1e-7f);
        Assert.Equal(85, Initializer(graph, inputQuantize.Input[2]).RawData[0]);
        var output = Assert.Single(graph.Node, n => n.Output.Contains("y"));
        Assert.Equal("DequantizeLinear", output.OpType);
    }

    [Fact]
    public void QuantizeLinear_then_DequantizeLinear_in_onnx_runtime_rounds_to_the_nearest_step_and_saturates_at_the_range()
    {
        // Range [-1, 2]: scale 3/255, zero point 85, so the representable values are (q - 85) * 3/255 for q in 0..255.
        var parameters = QuantizationParameters.ForUInt8(new ActivationRange(-1f, 2f));
        Assert.Equal(85, parameters.ZeroPoint);
        var model = TestModels.Create().Input("x", 6)
            .Constant("scale", [parameters.Scale])
            .Node("QuantizeLinear", ["x", "scale", "zero"], "q")
            .Node("DequantizeLinear", ["q", "scale", "zero"], "y")
            .Output("y")
            .Build();
        model.Graph.Initializer.Add(OnnxTensor.FromUInt8s("zero", [85], []));
        float[] x = [0f, 1f, 0.02f, -0.0058f, 5f, -3f];

        var y = OrtRunner.RunOnce(model, new Dictionary<string, FloatTensor> { ["x"] = new(x, [6]) })["y"].Data;

        const float step = 3f / 255;
        // 0 and 1 (= 85 steps) are exact; 0.02 is 1.7 steps → 2; -0.0058 is -0.49 steps → 0;
        // 5 saturates at q = 255, (255 - 85) steps = 2; -3 saturates at q = 0, -85 steps = -1.
        Assert.Equal([0f, 1f, 2 * step, 0f, 2f, -1f], y, new FloatTolerance(1e-6f));
        Assert.All(x.Zip(y).Take(4), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, step / 2));
    }

    [Fact]
    public void Resnet18_up_to_its_second_stage_quantized_agrees_with_float_within_its_rounding_and_runs_as_qlinear_convs()
    {
        var floatModel = ResNet18.Load();
        GraphPruner.PruneTo(floatModel.Graph, [ResNet18.Stage2]);
        var quantizer = new QdqQuantizer(floatModel);
        var random = new Random(9);
        var test = ResNet18.RandomImage(random);
        ModelProto model;
        float outputStep;
        // Calibrated on the test image and three others, so no tensor saturates on it: what differs is rounding alone.
        using (var calibrator = new MinMaxCalibrator(quantizer, ResNet18.Input, threads: 2))
        {
            foreach (var image in new[] { test }.Concat(Enumerable.Range(0, 3).Select(_ => ResNet18.RandomImage(random))))
                calibrator.Add(image.Data, image.Shape.Select(d => (long)d).ToArray());
            model = quantizer.Quantize(calibrator.Ranges);
            outputStep = QuantizationParameters.ForUInt8(calibrator.Ranges[ResNet18.Stage2]).Scale;
        }

        var reference = OrtRunner.RunOnce(floatModel, ResNet18.Feed(test))[ResNet18.Stage2].Data;
        var quantized = OrtRunner.RunOnce(model, ResNet18.Feed(test))[ResNet18.Stage2].Data;

        // The output's own rounding is at most half a step (of 255 over its range). Each of the ten quantized convs and four
        // adds before it rounds its input, weights and output too; those errors are independent and mostly cancel, so
        // on average the result stays within one output step, and no value strays beyond 16 steps (6% of the range).
        var errors = reference.Zip(quantized, (r, q) => Math.Abs(r - q)).ToArray();
        Assert.InRange(errors.Average(), outputStep / 100, outputStep);
        Assert.InRange(errors.Max(), 0, 16 * outputStep);

        var optimizedOps = OptimizedOps(model);
        Assert.Equal(floatModel.Graph.Node.Count(n => n.OpType == "Conv"), optimizedOps.Count(op => op == "QLinearConv"));
        Assert.DoesNotContain("Conv", optimizedOps);
    }

    /// <summary>The op types of the graph ONNX Runtime runs after its optimizations (its QDQ fusions among them).</summary>
    private static List<string> OptimizedOps(ModelProto model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qdq-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = path })
            using (new InferenceSession(model.ToByteArray(), options))
            {
            }
            return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.Select(n => n.OpType).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints) DequantizedInitializer(GraphProto graph, string tensor)
    {
        var dequantize = Assert.Single(graph.Node, n => n.Output.Contains(tensor));
        Assert.Equal("DequantizeLinear", dequantize.OpType);
        Assert.Equal(0, dequantize.Attribute.Single(a => a.Name == "axis").I);
        return (Initializer(graph, dequantize.Input[0]), Initializer(graph, dequantize.Input[1]), Initializer(graph, dequantize.Input[2]));
    }

    private static TensorProto Initializer(GraphProto graph, string name) => Assert.Single(graph.Initializer, i => i.Name == name);

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}

using NeuronAtlas.Onnx.Analysis;
using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Analysis;

public class FlopCounterTests
{
    [Fact]
    public void Grouped_strided_conv_counts_each_window_over_its_group_and_the_bias_apart()
    {
        // X [2, 4, 8, 8], W [6, 2, 3, 3] in 2 groups, stride 2, pads 1 -> Y [2, 6, 4, 4]: 192 outputs,
        // each a sum over 2 input channels x 3 x 3 = 18 products; the bias adds one per output.
        var model = TestModels.Create().Input("X", 2, 4, 8, 8)
            .Constant("W", new float[6 * 2 * 3 * 3], 6, 2, 3, 3).Constant("B", new float[6], 6)
            .Node("Conv", ["X", "W", "B"], "Y", OnnxAttribute.Int("group", 2), OnnxAttribute.Ints("kernel_shape", [3, 3]),
                OnnxAttribute.Ints("strides", [2, 2]), OnnxAttribute.Ints("pads", [1, 1, 1, 1]))
            .Output("Y").Build();

        var count = FlopCounter.Count(model, "X", [2, 4, 8, 8]);

        var conv = Assert.Single(count.OpTypes);
        Assert.Equal(new OpTypeFlops("Conv", 1, 2 * 192 * 18, 192), conv);
        Assert.Equal(2 * 192 * 18 + 192, count.Total);
    }

    [Fact]
    public void Gemm_follows_its_transposes_and_MatMul_broadcasts_over_batch_axes()
    {
        // Gemm: A [5, 3] transposed is 3 x 5, B [4, 5] transposed is 5 x 4: 3 x 4 outputs of 5 products, plus C.
        // MatMul: G reshaped and tiled to [2, 3, 2, 4], @ [4, 6] -> [2, 3, 2, 6]: 72 outputs of 4 products.
        var model = TestModels.Create().Input("A", 5, 3)
            .Constant("B", new float[20], 4, 5).Constant("C", new float[4], 4)
            .Node("Gemm", ["A", "B", "C"], "G", OnnxAttribute.Int("transA", 1), OnnxAttribute.Int("transB", 1))
            .Int64s("shape", 2, 3, 2, 1).Node("Reshape", ["G", "shape"], "R")
            .Node("Tile", ["R", "repeats"], "T").Int64s("repeats", 1, 1, 1, 4)
            .Constant("M", new float[24], 4, 6).Node("MatMul", ["T", "M"], "Y")
            .Output("Y").Build();

        var count = FlopCounter.Count(model, "A", [5, 3]);

        Assert.Equal(new OpTypeFlops("Gemm", 1, 2 * 12 * 5, 12), count.OpTypes.Single(o => o.OpType == "Gemm"));
        Assert.Equal(new OpTypeFlops("MatMul", 1, 2 * 2 * 3 * 2 * 6 * 4, 0), count.OpTypes.Single(o => o.OpType == "MatMul"));
        Assert.Equal(0, count.OpTypes.Single(o => o.OpType == "Reshape").Total);
        Assert.Equal(2 * 12 * 5 + 2 * 72 * 4, count.MultiplyAddFlops);
        Assert.Equal(12, count.OtherFlops);
    }

    [Fact]
    public void Elementwise_ops_normalization_and_pooling_count_per_element_apart_from_multiply_adds()
    {
        // X [1, 2, 4, 4] = 32 elements. BatchNormalization 2 per element, Relu 1, MaxPool 2x2 stride 2 -> 8 outputs
        // of 4 comparisons, Add (broadcast [1, 2, 2, 2] + [2, 1, 1]) 1 per output, GlobalAveragePool 1 per input.
        var model = TestModels.Create().Input("X", 1, 2, 4, 4)
            .Constant("scale", [1, 1], 2).Constant("bias", [0, 0], 2).Constant("mean", [0, 0], 2).Constant("var", [1, 1], 2)
            .Node("BatchNormalization", ["X", "scale", "bias", "mean", "var"], "N")
            .Node("Relu", ["N"], "R")
            .Node("MaxPool", ["R"], "P", OnnxAttribute.Ints("kernel_shape", [2, 2]), OnnxAttribute.Ints("strides", [2, 2]))
            .Constant("offset", [1, 2], 2, 1, 1).Node("Add", ["P", "offset"], "S")
            .Node("GlobalAveragePool", ["S"], "Y")
            .Output("Y").Build();

        var count = FlopCounter.Count(model, "X", [1, 2, 4, 4]);

        var flops = count.OpTypes.ToDictionary(o => o.OpType, o => o.OtherFlops);
        Assert.Equal(64, flops["BatchNormalization"]);
        Assert.Equal(32, flops["Relu"]);
        Assert.Equal(32, flops["MaxPool"]);
        Assert.Equal(8, flops["Add"]);
        Assert.Equal(8, flops["GlobalAveragePool"]);
        Assert.Equal(0, count.MultiplyAddFlops);
        Assert.Equal(64 + 32 + 32 + 8 + 8, count.Total);
    }

    [Fact]
    public void Op_types_without_a_rule_are_reported_and_left_out_of_the_totals()
    {
        var model = TestModels.Create().Input("X", 1, 8)
            .Node("Relu", ["X"], "R").Int64s("k", 3)
            .Node("TopK", ["R", "k"], ["values", "indices"])
            .Output("values").Build();

        var count = FlopCounter.Count(model, "X", [1, 8]);

        Assert.Equal(8, count.Total);
        Assert.Equal(new Dictionary<string, int> { ["TopK"] = 1 }, count.UncountedOpTypes);
    }

    [Fact]
    public void Resnet18_convolutions_at_224_px_are_torchvisions_plus_the_third_block_of_cntks_last_stage()
    {
        // torchvision's ResNet18 at 224 px: 1,813,561,344 multiply-adds in its convolutions plus 512,000 in the
        // classifier (fc), "1.81 GFLOPS" in its model table. The CNTK graph ends at the pooled features (no fc), and
        // its last stage has three basic blocks, not two: 22 convolutions, two more 512 -> 512 3x3 at 7 x 7.
        long macs = 0, convOutputs = 0;
        void Conv(int outputSide, int outputs, int inputs, int kernel)
        {
            macs += (long)outputSide * outputSide * outputs * inputs * kernel * kernel;
            convOutputs += (long)outputSide * outputSide * outputs;
        }
        Conv(112, 64, 3, 7);
        var channels = 64;
        foreach (var (side, stageChannels) in new[] { (56, 64), (28, 128), (14, 256), (7, 512) })
        {
            Conv(side, stageChannels, channels, 3);
            for (var i = 0; i < 3; i++) Conv(side, stageChannels, stageChannels, 3);
            if (stageChannels != channels) Conv(side, stageChannels, channels, 1);
            channels = stageChannels;
        }
        Assert.Equal(1_813_561_344L, macs);
        Conv(7, 512, 512, 3);
        Conv(7, 512, 512, 3);

        var count = FlopCounter.Count(ResNet18.Load(), ResNet18.Input, [1, 3, 224, 224]);
        var batchOf2 = FlopCounter.Count(ResNet18.Load(), ResNet18.Input, [2, 3, 224, 224]);

        var conv = count.OpTypes.Single(o => o.OpType == "Conv");
        Assert.Equal(22, conv.Nodes);
        Assert.Equal(2 * macs, conv.MultiplyAddFlops);
        Assert.Equal(2 * macs, count.MultiplyAddFlops);
        Assert.Empty(count.UncountedOpTypes);
        // Every convolution is followed by a BatchNormalization: 2 FLOPs per element of its output.
        Assert.Equal(2 * convOutputs, count.OpTypes.Single(o => o.OpType == "BatchNormalization").OtherFlops);
        Assert.Equal(2 * count.Total, batchOf2.Total);
    }
}

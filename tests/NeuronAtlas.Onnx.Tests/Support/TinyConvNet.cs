using Onnx;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>X [N, 2, 6, 6] → Conv(4 channels, 3×3, pad 1) → "act" → Tanh → Conv(3 channels, 3×3, stride 2) → "deep".</summary>
public static class TinyConvNet
{
    public static ModelProto Build(int seed = 29)
    {
        var random = new Random(seed);
        return TestModels.Create().Input("X", 1, 2, 6, 6)
            .Constant("W1", FloatTensor.Random(random, 4, 2, 3, 3).Data, 4, 2, 3, 3).Constant("B1", FloatTensor.Random(random, 4).Data, 4)
            .Constant("W2", FloatTensor.Random(random, 3, 4, 3, 3).Data, 3, 4, 3, 3)
            .Node("Conv", ["X", "W1", "B1"], "act", NeuronAtlas.Onnx.Graph.OnnxAttribute.Ints("pads", [1, 1, 1, 1]))
            .Node("Tanh", ["act"], "t")
            .Node("Conv", ["t", "W2"], "deep", NeuronAtlas.Onnx.Graph.OnnxAttribute.Ints("strides", [2, 2]))
            .Output("deep").Build();
    }
}

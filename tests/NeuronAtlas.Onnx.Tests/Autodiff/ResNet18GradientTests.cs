using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.Tests.Support;

namespace NeuronAtlas.Onnx.Tests.Autodiff;

/// <summary>Whole-model gradients of the embedded ResNet18 (opset 8, unfolded BatchNorm, MaxPool, asymmetric pads).</summary>
public class ResNet18GradientTests
{
    [Fact]
    public void Channel_objective_gradient_matches_a_finite_difference_along_a_random_direction()
    {
        var random = new Random(43);
        var image = ResNet18.RandomImage(random);
        var graph = new GradientGraphBuilder(ResNet18.Load(), ResNet18.Input, [1, 3, 224, 224]).Build(new ChannelMean(ResNet18.Stage3, 17));
        using var runner = new OrtRunner(graph.Model);
        var gradient = runner.Run(ResNet18.Feed(image))[graph.InputGradientOutput];

        // A uniformly random direction is nearly orthogonal to the gradient of 150k inputs, leaving a derivative
        // below float32 resolution; random magnitudes with the gradient's signs keep it measurable.
        var direction = FloatTensor.Random(random, 1, 3, 224, 224);
        for (var i = 0; i < direction.Data.Length; i++) direction.Data[i] = MathF.Abs(direction.Data[i]) * MathF.Sign(gradient.Data[i]);
        // Small enough that few ReLU and max-pool switches happen between the two evaluations.
        const float step = 0.002f;
        double ObjectiveAlong(float t)
        {
            var moved = image.Data.Zip(direction.Data, (x, d) => x + t * d).ToArray();
            return runner.Run(ResNet18.Feed(image with { Data = moved }))[graph.TotalObjectiveOutput].Data[0];
        }
        var numeric = (ObjectiveAlong(step) - ObjectiveAlong(-step)) / (2 * step);
        var symbolic = gradient.Data.Zip(direction.Data, (g, d) => (double)g * d).Sum();

        Assert.True(Math.Abs(symbolic) > 1e-3, $"The directional derivative {symbolic} is too small to test anything.");
        Assert.True(Math.Abs(symbolic - numeric) <= 5e-3 * Math.Abs(numeric), $"gradient·direction {symbolic}, finite difference {numeric}");
    }

    [Fact]
    public void A_batch_of_eight_with_one_channel_each_gives_each_image_the_gradient_of_its_own_channel()
    {
        var random = new Random(47);
        int[] channels = [3, 17, 42, 99, 128, 200, 201, 255];
        var images = ResNet18.RandomImage(random, batch: 8);
        var model = ResNet18.Load();
        // ResNet18 is fully convolutional up to its last stage, so a 64 px input keeps the example fast.
        var batchGraph = new GradientGraphBuilder(model, ResNet18.Input, [8, 3, 64, 64])
            .Build(new ChannelMean(ResNet18.Stage3, channels));
        var batchImages = ResizedBatch(images, 64);
        var outputs = OrtRunner.RunOnce(batchGraph.Model, ResNet18.Feed(batchImages));
        Assert.Equal([8], outputs[GradientGraph.PerItemObjectiveName].Shape);
        Assert.Equal([8, 3, 64, 64], outputs[batchGraph.InputGradientOutput].Shape);

        var single = new GradientGraphBuilder(model, ResNet18.Input, [1, 3, 64, 64]);
        var itemSize = 3 * 64 * 64;
        foreach (var item in new[] { 1, 6 })
        {
            var image = new FloatTensor(batchImages.Data.Skip(item * itemSize).Take(itemSize).ToArray(), [1, 3, 64, 64]);
            var alone = OrtRunner.RunOnce(single.Build(new ChannelMean(ResNet18.Stage3, channels[item])).Model, ResNet18.Feed(image));
            Assert.Equal(alone[GradientGraph.PerItemObjectiveName].Data[0], outputs[GradientGraph.PerItemObjectiveName].Data[item], 3);
            var batchGradient = outputs[batchGraph.InputGradientOutput].Data.AsSpan(item * itemSize, itemSize).ToArray();
            var scale = alone["Input247_gradient"].Data.Max(MathF.Abs);
            Assert.True(scale > 0);
            Assert.All(alone["Input247_gradient"].Data.Zip(batchGradient), p => Assert.True(MathF.Abs(p.First - p.Second) <= 1e-4f * scale));
        }
    }

    private static FloatTensor ResizedBatch(FloatTensor images, int size)
    {
        var (batch, channels, full) = (images.Shape[0], images.Shape[1], images.Shape[2]);
        var data = new float[batch * channels * size * size];
        for (var plane = 0; plane < batch * channels; plane++)
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    data[(plane * size + y) * size + x] = images.Data[(plane * full + y * full / size) * full + x * full / size];
        return new FloatTensor(data, [batch, channels, size, size]);
    }
}

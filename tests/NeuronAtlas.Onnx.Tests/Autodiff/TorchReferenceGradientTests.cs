using System.Text.Json;
using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.IO;
using NeuronAtlas.Onnx.Tests.Support;
using Onnx;
using Xunit.Abstractions;

namespace NeuronAtlas.Onnx.Tests.Autodiff;

/// <summary>
/// Whole-model input gradients of a PyTorch 1.13 export of a small CLIP-style ModifiedResNet (folded BatchNorm,
/// Pad + AveragePool, attention pooling) against PyTorch autograd on the same weights.
/// </summary>
public class TorchReferenceGradientTests(ITestOutputHelper output)
{
    [Fact]
    public void Gradients_through_the_convolutions_and_the_attention_pool_match_pytorch_autograd()
    {
        var folder = TorchReference.RunGradCheck(seed: 0);
        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")));
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(folder, "model.onnx")));
            var input = NpyFile.Read(Path.Combine(folder, "input.npy"));
            var inputName = meta.RootElement.GetProperty("input_name").GetString()!;
            var builder = new GradientGraphBuilder(model, inputName, input.Shape);

            foreach (var objectiveName in new[] { "layer", "embedding" })
            {
                var tensor = meta.RootElement.GetProperty($"{objectiveName}_tensor").GetString()!;
                var channels = meta.RootElement.GetProperty($"{objectiveName}_channels").EnumerateArray().Select(c => c.GetInt32()).ToArray();
                var torchValues = meta.RootElement.GetProperty($"{objectiveName}_objective").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                var expected = NpyFile.Read(Path.Combine(folder, $"grad_{objectiveName}.npy"));

                var graph = builder.Build(new ChannelMean(tensor, channels));
                var outputs = OrtRunner.RunOnce(graph.Model, new Dictionary<string, FloatTensor> { [inputName] = new(input.Data, input.Shape) });

                var values = outputs[GradientGraph.PerItemObjectiveName].Data;
                Assert.All(torchValues.Zip(values), p => Assert.Equal(p.First, p.Second, 4));
                var actual = outputs[graph.InputGradientOutput];
                Assert.Equal(expected.Shape, actual.Shape);
                var (cosine, normRatio) = Compare(expected.Data, actual.Data);
                output.WriteLine($"{objectiveName} ({tensor}): cosine similarity {cosine:F8}, norm ratio {normRatio:F8}");
                Assert.True(cosine >= 0.9999, $"{objectiveName}: cosine similarity {cosine}");
                Assert.True(Math.Abs(normRatio - 1) <= 1e-3, $"{objectiveName}: norm ratio {normRatio}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Cosine, double NormRatio) Compare(float[] expected, float[] actual)
    {
        double dot = 0, expectedNorm = 0, actualNorm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            dot += (double)expected[i] * actual[i];
            expectedNorm += (double)expected[i] * expected[i];
            actualNorm += (double)actual[i] * actual[i];
        }
        return (dot / Math.Sqrt(expectedNorm * actualNorm), Math.Sqrt(actualNorm / expectedNorm));
    }
}

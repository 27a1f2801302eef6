using System.Text.Json;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Precompute.Tests.Quantization;

public class QuantizeCliTests
{
    [Fact]
    public void Quantize_writes_an_int8_graph_with_the_layers_as_float_outputs_and_a_report_of_speed_and_overlap()
    {
        var folder = Directory.CreateTempSubdirectory("neuronatlas-quantize-").FullName;
        try
        {
            var graph = Path.Combine(folder, "ResNet18.int8.onnx");
            var (code, output) = PrecomputeProcess.Run("quantize", "--model", "resnet18", "--calibration-images", "32", "--eval-images", "8",
                "--out", graph);
            Assert.True(code == 0, output);
            Assert.Contains("speed-up", output);

            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "ResNet18.int8.report.json")));
            var root = report.RootElement;
            Assert.Equal(8, root.GetProperty("evalImages").GetInt32());
            Assert.Equal(32, root.GetProperty("calibrationImages").GetInt32());
            Assert.True(root.GetProperty("speedUp").GetDouble() > 0);
            var overlaps = root.GetProperty("overlap").EnumerateArray().ToDictionary(l => l.GetProperty("layer").GetString()!, l => l.GetProperty("overlap").GetDouble());
            Assert.Equal(["layer1", "layer2", "layer3", "layer4"], overlaps.Keys);
            // On 8 images the dataset maxima are those images' own, so each image ties at exactly 1.0 in the float graph for many
            // channels and the overlap says little: only its bounds are checked here (docs/benchmarks.md has the measurement).
            Assert.All(overlaps.Values, o => Assert.InRange(o, 0.0, 1.0));
            Assert.Equal(overlaps.Values.All(o => o >= 0.95), root.GetProperty("faithful").GetBoolean());

            var manifest = ModelManifestLoader.Load(Path.Combine(NeuronAtlas.Core.AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json"));
            using var extractor = ActivationExtractor.CreateFromFile(manifest, graph, new InferenceOptions { IntraOpThreads = 1 });
            using var batch = extractor.Run(new float[2 * 3 * 224 * 224], 2);
            foreach (var layer in manifest.Layers)
                Assert.Equal([2, layer.Channels, layer.Height, layer.Width], batch.Shape(layer.Tensor));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

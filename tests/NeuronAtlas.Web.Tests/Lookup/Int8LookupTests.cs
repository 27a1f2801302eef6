using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Quantization;
using NeuronAtlas.Web.Tests.Infrastructure;
using Onnx;

namespace NeuronAtlas.Web.Tests.Lookup;

public sealed class Int8LookupTests
{
    [Fact]
    public async Task A_model_listed_in_Int8Models_answers_lookups_from_its_int8_graph()
    {
        using var catalog = new TestCatalog();
        var models = Directory.CreateTempSubdirectory("neuronatlas-int8-lookup-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(models, TestCatalog.Model)).FullName;
            File.Copy(Path.Combine(AtlasPaths.FindRoot(), "data", "models", TestCatalog.Model, "manifest.json"), Path.Combine(folder, "manifest.json"));
            var manifest = ModelManifestLoader.Load(Path.Combine(folder, "manifest.json"));
            var jpeg = TestImages.Jpeg();
            var input = ReferenceLookup.ModelInput(manifest, jpeg);
            WriteInt8Graph(manifest, input);

            using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?>
            {
                ["Atlas:ModelsDirectory"] = models,
                ["Uploads:Int8Models:0"] = TestCatalog.Model,
            });
            var response = await LookupRequests.PostAsync(factory.CreateAtlasClient(), jpeg, "picture.jpg", "image/jpeg", "?top=64");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>();
            var options = new InferenceOptions { IntraOpThreads = 1 };
            using var int8 = ActivationExtractor.Create(manifest, options, precision: ModelPrecision.Int8);
            using var float32 = ActivationExtractor.Create(manifest, options);
            using var int8Batch = int8.Run(input, 1);
            using var float32Batch = float32.Run(input, 1);
            var largestFloatDifference = 0f;
            foreach (var layer in result.GetProperty("layers").EnumerateArray())
            {
                var spec = manifest.GetLayer(layer.GetProperty("layerId").GetString()!);
                var int8Means = SpatialMean.PerChannel(int8Batch.Tensor(spec.Tensor), spec.Channels, spec.Height * spec.Width, 0);
                var float32Means = SpatialMean.PerChannel(float32Batch.Tensor(spec.Tensor), spec.Channels, spec.Height * spec.Width, 0);
                foreach (var neuron in layer.GetProperty("neurons").EnumerateArray())
                {
                    int index = neuron.GetProperty("index").GetInt32();
                    float activation = neuron.GetProperty("activation").GetSingle();
                    Assert.Equal(int8Means[index], activation, 1e-4f);
                    largestFloatDifference = Math.Max(largestFloatDifference, Math.Abs(float32Means[index] - activation));
                }
            }
            // The int8 graph's answers are its own: some differ from the float graph's by far more than float rounding.
            Assert.True(largestFloatDifference > 1e-3f, $"the lookup matched the float graph within {largestFloatDifference}");
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    /// <summary>Quantizes the model, calibrated on the test image alone (enough for a graph to run; not a faithful one).</summary>
    private static void WriteInt8Graph(ModelManifest manifest, float[] input)
    {
        var floatModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest)));
        var quantizer = new QdqQuantizer(ModelGraphPreparer.Prepare(floatModel, manifest.Layers.Select(l => l.Tensor)));
        using var calibrator = new MinMaxCalibrator(quantizer, manifest.Input.Name, threads: 1);
        calibrator.Add(input, [1, 3, manifest.Input.Height, manifest.Input.Width]);
        File.WriteAllBytes(QuantizedModelFile.DefaultPath(manifest), quantizer.Quantize(calibrator.Ranges).ToByteArray());
    }
}

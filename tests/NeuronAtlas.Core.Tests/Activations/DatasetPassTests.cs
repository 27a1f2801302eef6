using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Core.Tests.Activations;

public class DatasetPassTests
{
    private const int ImageCount = 36, K = 5;

    [Fact]
    public async Task Catalog_examples_are_the_true_top_activations_of_a_direct_OnnxRuntime_run()
    {
        var manifest = TestModels.ResNet18();
        var folder = SyntheticImages.WriteFolder(ImageCount, seed: 11);
        var catalogPath = Path.Combine(Directory.CreateTempSubdirectory().FullName, "atlas.db");
        using var source = new FolderImageSource(folder);
        var result = await new DatasetPass(new DatasetPassOptions
        {
            Model = manifest, CatalogPath = catalogPath, TopK = K, BatchSize = 8, CheckpointEvery = 16, Layers = ["layer3", "layer4"],
        }).RunAsync(source);
        Assert.Equal(ImageCount, result.Images);

        var direct = DirectChannelMeans(manifest, source, ["layer3", "layer4"]);
        var hashes = Enumerable.Range(0, source.Count).Select(i => ContentHash.Of(source.ReadBytes(i))).ToArray();

        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalogPath));
        foreach (var layerId in new[] { "layer3", "layer4" })
        {
            var layer = db.Layers.Include(l => l.Neurons).ThenInclude(n => n.Examples).Single(l => l.LayerId == layerId);
            Assert.Equal(manifest.GetLayer(layerId).Channels, layer.Neurons.Count);
            foreach (var neuron in layer.Neurons)
            {
                var means = direct[layerId].Select(perImage => perImage[neuron.Index]).ToArray();
                var expected = means.Select((m, i) => (m, i)).OrderByDescending(p => p.m).ThenBy(p => p.i).Take(K).ToArray();
                var examples = neuron.Examples.OrderBy(e => e.Rank).ToArray();
                Assert.Equal(K, examples.Length);
                for (int r = 0; r < K; r++)
                {
                    Assert.Equal(expected[r].m, examples[r].Activation, 1e-3 * Math.Max(1, Math.Abs(expected[r].m)));
                    int image = Array.IndexOf(hashes, examples[r].ImageHash);
                    Assert.Equal(means[image], examples[r].Activation, 1e-3 * Math.Max(1, Math.Abs(means[image])));
                }
                Assert.Equal(means.Average(), neuron.Mean, 1e-3 * Math.Max(1, Math.Abs(means.Average())));
                Assert.Equal(means.Max(), neuron.Max, 1e-3 * Math.Max(1, means.Max()));
                Assert.Equal(ImageCount, ActivationHistogram.Decode(neuron.Histogram).Sum());
                Assert.Equal(examples[0].ImageHash, neuron.TopImageHash);
                Assert.Equal(layer.Height * layer.Width, examples[0].SpatialMap.Length);
            }
        }
        Assert.Empty(db.DatasetPassCheckpoints);
        Assert.All(db.Images, i => Assert.True(i.Thumbnail.Length > 0 && i.Label is "even" or "odd"));
    }

    /// <summary>Runs the bare model one image at a time through ONNX Runtime and averages each channel over positions.</summary>
    private static Dictionary<string, List<float[]>> DirectChannelMeans(ModelManifest manifest, IImageSource source, string[] layerIds)
    {
        var layers = layerIds.Select(manifest.GetLayer).ToArray();
        var model = ModelGraphPreparer.Prepare(ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest))),
            layers.Select(l => l.Tensor));
        using var session = new InferenceSession(model.ToByteArray());
        var preprocessor = new ImagePreprocessor(manifest);
        var result = layerIds.ToDictionary(l => l, _ => new List<float[]>());
        for (int i = 0; i < source.Count; i++)
        {
            var input = new float[preprocessor.TensorLength];
            using (var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(i))) preprocessor.Preprocess(image, input);
            using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, 224, 224]);
            using var outputs = session.Run(new RunOptions(), [manifest.Input.Name], [value], layers.Select(l => l.Tensor).ToArray());
            for (int li = 0; li < layers.Length; li++)
            {
                var data = outputs[li].GetTensorDataAsSpan<float>();
                int positions = layers[li].Height * layers[li].Width;
                var means = new float[layers[li].Channels];
                for (int c = 0; c < means.Length; c++)
                {
                    double sum = 0;
                    foreach (var v in data.Slice(c * positions, positions)) sum += v;
                    means[c] = (float)(sum / positions);
                }
                result[layers[li].Id].Add(means);
            }
        }
        return result;
    }
}

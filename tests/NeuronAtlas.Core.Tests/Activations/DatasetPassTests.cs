using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Tests.TestData;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace NeuronAtlas.Core.Tests.Activations;

/// <summary>
/// ResNet18 on six emoji from the shipped dataset, against PyTorch (tools/torch_reference): our preprocessing against
/// PIL's, our extraction against torch on the same input, and the catalog a dataset pass writes against torch's ranking.
/// </summary>
public class DatasetPassTests(DatasetPassTests.SixEmoji emoji, ITestOutputHelper output) : IClassFixture<DatasetPassTests.SixEmoji>
{
    private const int K = 3;
    private static readonly string[] Layers = ["layer1", "layer2", "layer3", "layer4"];
    /// <summary>ONNX Runtime against torch on the same input, relative to a layer's largest |mean|: float rounding only.</summary>
    private const double SameInputTolerance = 1e-4;
    /// <summary>
    /// Our preprocessing against PIL's, relative to a layer's largest |mean|. A few resized pixels differ by one level
    /// (rounding at .5; see the input test), and layer4 amplifies that to about 4e-3.
    /// </summary>
    private const double PilInputTolerance = 1e-2;

    [Fact]
    public void Our_model_input_is_PILs_to_one_level_in_a_few_pixels()
    {
        var pil = emoji.Torch.PilInput;
        Assert.Equal(emoji.OurInput.Length, pil.Length);
        // ResNet18's std is 1/255: one 8-bit level is one unit of the input, and the order is BGR in both.
        var differences = emoji.OurInput.Zip(pil, (a, b) => Math.Abs(a - b)).ToArray();
        double differing = differences.Count(d => d > 1e-3) / (double)differences.Length;
        output.WriteLine($"largest difference {differences.Max()}, share of values that differ {differing:P3}");
        Assert.True(differences.Max() <= 1.0001, $"an input value differs from PIL's by {differences.Max()}, more than one level");
        Assert.True(differing < 0.02, $"{differing:P2} of the input values differ from PIL's");
    }

    [Fact]
    public void Our_layer_means_equal_torchs_on_the_same_input_and_on_PILs_input()
    {
        var manifest = TestModels.ResNet18();
        using var extractor = ActivationExtractor.Create(manifest, new InferenceOptions());
        using var batch = extractor.Run(emoji.OurInput, emoji.Files.Length);
        foreach (var layerId in Layers)
        {
            var layer = manifest.GetLayer(layerId);
            var tensor = batch.Tensor(layer.Tensor);
            int positions = layer.Height * layer.Width;
            var ours = new double[emoji.Files.Length][];
            for (int i = 0; i < ours.Length; i++)
            {
                ours[i] = new double[layer.Channels];
                for (int c = 0; c < layer.Channels; c++)
                {
                    double sum = 0;
                    foreach (var v in tensor.Slice((i * layer.Channels + c) * positions, positions)) sum += v;
                    ours[i][c] = sum / positions;
                }
            }
            AssertClose(layerId, "torch on our input", ours, emoji.Torch.OfOurInput[layerId], SameInputTolerance);
            AssertClose(layerId, "torch on PIL's input", ours, emoji.Torch.OfPil[layerId], PilInputTolerance);
        }
    }

    [Fact]
    public async Task Catalog_top_k_per_channel_are_torchs_ranking_of_the_images()
    {
        var manifest = TestModels.ResNet18();
        var catalogPath = Path.Combine(Directory.CreateTempSubdirectory("dataset-pass-").FullName, "atlas.db");
        using var source = new FolderImageSource(emoji.Folder);
        var result = await new DatasetPass(new DatasetPassOptions
        {
            Model = manifest, CatalogPath = catalogPath, TopK = K, BatchSize = 4, CheckpointEvery = 4, Layers = Layers,
        }).RunAsync(source);
        Assert.Equal(emoji.Files.Length, result.Images);
        var imageOfHash = emoji.Files.Select((f, i) => (Hash: ContentHash.Of(File.ReadAllBytes(f)), i)).ToDictionary(p => p.Hash, p => p.i);

        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalogPath));
        foreach (var layerId in Layers)
        {
            var layer = db.Layers.Include(l => l.Neurons).ThenInclude(n => n.Examples).Single(l => l.LayerId == layerId);
            Assert.Equal(manifest.GetLayer(layerId).Channels, layer.Neurons.Count);
            var torch = emoji.Torch.OfOurInput[layerId];
            double tolerance = SameInputTolerance * torch.SelectMany(m => m).Max(Math.Abs);
            foreach (var neuron in layer.Neurons)
            {
                var means = torch.Select(perImage => perImage[neuron.Index]).ToArray();
                var ranked = means.OrderByDescending(m => m).ToArray();
                var examples = neuron.Examples.OrderBy(e => e.Rank).ToArray();
                Assert.Equal(K, examples.Length);
                Assert.Equal(K, examples.Select(e => e.ImageHash).Distinct().Count());
                for (int r = 0; r < K; r++)
                {
                    // The r-th example is the image torch ranks r-th; only images whose torch means tie within the
                    // tolerance (e.g. all zero after the ReLU) may stand in for each other.
                    double torchMeanOfExample = means[imageOfHash[examples[r].ImageHash]];
                    Assert.True(Math.Abs(torchMeanOfExample - ranked[r]) <= tolerance,
                        $"{layerId}:{neuron.Index} rank {r}: the catalog's image has torch mean {torchMeanOfExample}, torch's rank {r} is {ranked[r]}.");
                    Assert.True(Math.Abs(examples[r].Activation - ranked[r]) <= tolerance,
                        $"{layerId}:{neuron.Index} rank {r}: the catalog stores {examples[r].Activation}, torch's rank {r} is {ranked[r]}.");
                }
                Assert.True(Math.Abs(neuron.Mean - means.Average()) <= tolerance, $"{layerId}:{neuron.Index} mean {neuron.Mean}, torch {means.Average()}.");
                Assert.True(Math.Abs(neuron.Max - ranked[0]) <= tolerance, $"{layerId}:{neuron.Index} max {neuron.Max}, torch {ranked[0]}.");
                Assert.Equal(emoji.Files.Length, ActivationHistogram.Decode(neuron.Histogram).Sum());
                Assert.Equal(examples[0].ImageHash, neuron.TopImageHash);
                Assert.Equal(layer.Height * layer.Width, examples[0].SpatialMap.Length);
            }
        }
        Assert.Empty(db.DatasetPassCheckpoints);
        Assert.All(db.Images, i => Assert.True(i.Thumbnail.Length > 0));
    }

    private void AssertClose(string layerId, string reference, double[][] ours, double[][] theirs, double relativeTolerance)
    {
        double scale = theirs.SelectMany(m => m).Max(Math.Abs), worst = 0;
        Assert.True(scale > 0, $"{reference}: the {layerId} means are all zero; the comparison would prove nothing.");
        for (int i = 0; i < ours.Length; i++)
            for (int c = 0; c < ours[i].Length; c++)
                worst = Math.Max(worst, Math.Abs(ours[i][c] - theirs[i][c]));
        output.WriteLine($"{layerId} against {reference}: largest |mean| {scale:F3}, largest difference {worst:E2} ({worst / scale:E2} relative)");
        Assert.True(worst <= relativeTolerance * scale, $"{layerId}: a channel mean differs from {reference} by {worst} (largest |mean| {scale}).");
    }

    /// <summary>
    /// Six emoji of the shipped dataset (four styles), our model input for them, and torch's layer means. They are
    /// handed to both sides as lossless PNG: JPEG decoders legitimately differ (libjpeg's fancy chroma upsampling
    /// against ImageSharp's), by up to 64 levels at these images' colour edges, and the decoder is not under test.
    /// </summary>
    public sealed class SixEmoji
    {
        private static readonly string[] Names =
        [
            "1f34e-openmoji-color.jpg", "1f436-noto.jpg", "1f577-fe0f-noto.jpg",
            "1f577-fe0f-twemoji.jpg", "1f697-openmoji-line.jpg", "2764-fe0f-200d-1f525-twemoji.jpg",
        ];

        public string Folder { get; } = Directory.CreateTempSubdirectory("emoji-six-").FullName;
        /// <summary>The PNG files in ordinal order, which is also the dataset pass's order.</summary>
        public string[] Files { get; }
        /// <summary>Our preprocessing (<see cref="ImagePreprocessor"/>) of <see cref="Files"/>, float [N, 3, H, W].</summary>
        public float[] OurInput { get; }
        public TorchLayerMeans Torch { get; }

        public SixEmoji()
        {
            using var dataset = ImageSources.Open("emoji", TestModels.RepoRoot);
            var indexOf = Enumerable.Range(0, dataset.Count).ToDictionary(i => dataset.Describe(i).File);
            foreach (var name in Names)
            {
                using var decoded = ImageDecoding.LoadRgbOnWhite(dataset.ReadBytes(indexOf[name]));
                decoded.SaveAsPng(Path.Combine(Folder, Path.ChangeExtension(name, ".png")));
            }
            Files = Names.Select(n => Path.Combine(Folder, Path.ChangeExtension(n, ".png"))).Order(StringComparer.Ordinal).ToArray();

            var manifest = TestModels.ResNet18();
            var preprocessor = new ImagePreprocessor(manifest);
            OurInput = new float[Files.Length * preprocessor.TensorLength];
            for (int i = 0; i < Files.Length; i++)
            {
                using var image = ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(Files[i]));
                preprocessor.Preprocess(image, OurInput.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
            }
            Torch = TorchResNet18Reference.Compute(manifest, Files, OurInput);
        }
    }
}

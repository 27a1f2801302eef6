using System.Text.Json;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.Text;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Precompute.Tests.Clip;

public class ClipInspectionCliTests
{
    private static JsonElement RunJson(params string[] args)
    {
        var (code, output) = PrecomputeProcess.Run(args);
        Assert.True(code == 0, output);
        var json = output[output.IndexOf('{')..];
        return JsonDocument.Parse(json).RootElement;
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    [Fact]
    public void Tokenize_prints_the_77_ids_of_each_text()
    {
        var model = ClipTestExports.TinyResNetDirectory;
        var json = RunJson("tokenize", "--model", model, "a photo of a cat", "$$$");
        Assert.Equal("clip-rn-tiny", json.GetProperty("model").GetString());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        var cat = results[0].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(77, cat.Length);
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407], cat[..7]);
        Assert.All(cat[7..], id => Assert.Equal(0, id));
        Assert.Equal(7, results[0].GetProperty("length").GetInt32());
        Assert.Equal(["a ", "photo ", "of ", "a ", "cat "], results[0].GetProperty("pieces").EnumerateArray().Select(e => e.GetString()));
        var tokenizer = ClipTokenizer.FromVocabularyFile(ClipTestExports.VocabularyPath);
        Assert.Equal(tokenizer.Tokenize("$$$"), results[1].GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Embed_text_prints_torch_equal_raw_embeddings_and_their_unit_vectors()
    {
        var json = RunJson("embed-text", "--model", ClipTestExports.TinyResNetDirectory, "a spider", "iPod");
        Assert.Equal(32, json.GetProperty("dimensions").GetInt32());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        var tokens = results.Select(r => r.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToList();
        var torch = TorchReference.Compute(ClipTestExports.TinyResNetDirectory, tokens);
        for (int i = 0; i < 2; i++)
        {
            var raw = Floats(results[i].GetProperty("raw"));
            var unit = Floats(results[i].GetProperty("embedding"));
            Assert.All(raw.Zip(torch.Text![i]), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-4, $"{p.First} vs torch {p.Second}"));
            Assert.Equal(EmbeddingVectors.Norm(raw), results[i].GetProperty("norm").GetSingle(), 4);
            Assert.Equal(1f, EmbeddingVectors.Norm(unit), 4);
            Assert.All(unit.Zip(raw), p => Assert.Equal(p.Second / EmbeddingVectors.Norm(raw), p.First, 5));
        }
    }

    [Fact]
    public void Embed_image_prints_the_embedding_of_the_preprocessed_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-embed-").FullName, "photo.png");
        using (var image = SyntheticImages.Create(21, 150, 120)) image.SaveAsPng(file);
        var json = RunJson("embed-image", "--model", ClipTestExports.TinyResNetDirectory, "--image", file);
        var result = json.GetProperty("results")[0];
        Assert.Equal(file, result.GetProperty("image").GetString());

        var manifest = ClipTestExports.TinyResNet();
        var preprocessor = new ImagePreprocessor(manifest);
        var input = new float[preprocessor.TensorLength];
        using (var decoded = ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(file))) preprocessor.Preprocess(decoded, input);
        var torch = TorchReference.Compute(ClipTestExports.TinyResNetDirectory, null, input, 1);
        var raw = Floats(result.GetProperty("raw"));
        Assert.All(raw.Zip(torch.Image![0]), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-4, $"{p.First} vs torch {p.Second}"));
        Assert.Equal(1f, EmbeddingVectors.Norm(Floats(result.GetProperty("embedding"))), 4);
    }

    [Fact]
    public void Zero_shot_prints_probabilities_from_a_typed_label_list()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-zeroshot-").FullName, "photo.png");
        using (var image = SyntheticImages.Create(22)) image.SaveAsPng(file);
        var json = RunJson("zero-shot", "--model", ClipTestExports.TinyResNetDirectory, "--image", file, "--labels", "iPod,piggy bank,spider", "--top", "3");
        var predictions = json.GetProperty("results")[0].GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(3, predictions.Count);
        Assert.Equal(1.0, predictions.Sum(p => p.GetProperty("probability").GetDouble()), 4);

        using var clip = ClipModel.Load(ClipTestExports.TinyResNet(), new InferenceOptions());
        var classifier = new ZeroShotClassifier(clip, LabelSet.Parse("iPod,piggy bank,spider"));
        using var decoded = ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(file));
        Assert.Equal(classifier.Classify(decoded, 1)[0].Label, predictions[0].GetProperty("label").GetString());
    }

    [Fact]
    public void A_model_without_a_text_encoder_is_refused_with_a_message()
    {
        var (code, output) = PrecomputeProcess.Run("embed-text", "--model", "resnet18", "spider");
        Assert.NotEqual(0, code);
        Assert.Contains("has no text encoder", output);
    }
}

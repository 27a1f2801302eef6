using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Clip;

/// <summary>
/// A CLIP trained on its own concepts and captions (the demo CLIP) ships concepts.txt and prompts.txt beside its
/// manifest: they, not the shipped label set and templates, are its default zero-shot labels.
/// </summary>
public sealed class OwnConceptsZeroShotTests : IDisposable
{
    private static readonly string[] Concepts = ["spider", "pizza", "bicycle"];
    private static readonly string[] Prompts = ["{}", "the word {}"];
    private readonly ClipTestCatalog _catalog = new();
    private readonly AtlasWebFactory _factory;
    private readonly HttpClient _client;

    public OwnConceptsZeroShotTests()
    {
        var folder = Path.Combine(_catalog.ModelsDirectory, ClipTestCatalog.Model);
        File.WriteAllLines(Path.Combine(folder, "concepts.txt"), Concepts);
        File.WriteAllLines(Path.Combine(folder, "prompts.txt"), Prompts);
        _factory = new AtlasWebFactory(_catalog.Path, _catalog.Settings());
        _client = _factory.CreateAtlasClient();
    }

    [Fact]
    public async Task A_lookup_is_labelled_with_the_models_own_concepts_and_prompts()
    {
        var jpeg = TestImages.Jpeg();

        var result = await _client.PostOkJsonAsync($"/api/lookup?model={ClipTestCatalog.Model}", LookupRequests.Multipart(jpeg, "picture.jpg", "image/jpeg"));

        var zeroShot = result.GetProperty("zeroShot");
        Assert.Equal("concepts", zeroShot.GetProperty("labelSet").GetString());
        Assert.Equal(Concepts.Length, zeroShot.GetProperty("labelCount").GetInt32());
        Assert.Equal(Prompts.Length, zeroShot.GetProperty("templateCount").GetInt32());
        using var clip = ClipModel.Load(_catalog.Manifest, new InferenceOptions());
        using var image = UploadDecoding.ForModel(jpeg, _catalog.Manifest);
        var expected = new ZeroShotClassifier(clip, new LabelSet("concepts", Concepts), new PromptTemplates(Prompts)).Classify(clip.Image.Embed(image), 3);
        var top = zeroShot.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(expected.Select(p => p.Label), top.Select(t => t.GetProperty("label").GetString()));
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Probability, top[i].GetProperty("probability").GetSingle(), 1e-4f);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _catalog.Dispose();
    }
}

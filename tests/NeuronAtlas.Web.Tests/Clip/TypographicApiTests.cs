using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Core;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Clip;

public sealed class TypographicApiTests(ClipAppFixture app) : IClassFixture<ClipAppFixture>
{
    private const string Attack = $"/api/typographic?model={ClipTestCatalog.Model}";

    [Fact]
    public async Task Drawing_iPod_gives_labels_and_neurons_before_and_after_as_the_libraries_compute_them()
    {
        var png = TestImages.Png();
        var form = LookupRequests.Multipart(png, "apple.png", "image/png");
        form.Add(new StringContent("iPod"), "text");
        form.Add(new StringContent("0.4"), "x");
        form.Add(new StringContent("0.6"), "y");
        form.Add(new StringContent("0.2"), "size");

        var result = await app.Client.PostOkJsonAsync(Attack, form);

        var label = new TypographicLabel { Text = "iPod", X = 0.4f, Y = 0.6f, Size = 0.2f };
        var (before, after, changed) = Reference(png, label);
        Assert.Equal("iPod", result.GetProperty("text").GetString());
        Assert.Equal(changed, result.GetProperty("pixelsChanged").GetDouble(), 1e-9);
        Assert.InRange(changed, 0.01, 0.5);

        using var clip = ClipModel.Load(app.Catalog.Manifest, new InferenceOptions());
        var classifier = new ZeroShotClassifier(clip, LabelSet.Shipped(AtlasPaths.FindRoot()));
        var target = result.GetProperty("target");
        int ipod = classifier.Labels.IndexOf("iPod");
        Assert.Equal("iPod", target.GetProperty("label").GetString());
        Assert.Equal(classifier.Probabilities(before.Embedding)[ipod], target.GetProperty("before").GetSingle(), 1e-4f);
        Assert.Equal(classifier.Probabilities(after.Embedding)[ipod], target.GetProperty("after").GetSingle(), 1e-4f);
        Assert.Equal(classifier.Classify(before.Embedding, 5).Select(p => p.Label), Labels(result.GetProperty("before")));
        Assert.Equal(classifier.Classify(after.Embedding, 5).Select(p => p.Label), Labels(result.GetProperty("after")));

        var layer = result.GetProperty("changedLayers").EnumerateArray().Single(l => l.GetProperty("layerId").GetString() == ClipTestCatalog.Layer);
        var neurons = layer.GetProperty("neurons").EnumerateArray().ToList();
        var expected = Enumerable.Range(0, before.Means.Length)
            .Select(c => (Channel: c, Change: (after.Means[c] - before.Means[c]) / DatasetMax(c)))
            .OrderByDescending(n => Math.Abs(n.Change)).Take(8).ToList();
        Assert.Equal(expected.Select(n => n.Channel), neurons.Select(n => n.GetProperty("index").GetInt32()));
        for (int i = 0; i < neurons.Count; i++)
        {
            Assert.Equal(expected[i].Change, neurons[i].GetProperty("change").GetSingle(), 1e-3f);
            Assert.Equal($"/models/{ClipTestCatalog.Model}/{ClipTestCatalog.Layer}/{expected[i].Channel}", neurons[i].GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task A_preset_aims_for_its_class_and_a_typed_label_list_is_used_before_and_after()
    {
        var result = await app.Client.PostOkJsonAsync(Attack + "&text=" + Uri.EscapeDataString("$$$") + "&labels=" + Uri.EscapeDataString("piggy bank, poodle, iPod"),
            LookupRequests.Multipart(TestImages.Jpeg(), "poodle.jpg", "image/jpeg"));

        Assert.Equal("piggy bank", result.GetProperty("target").GetProperty("label").GetString());
        Assert.Equal(3, result.GetProperty("before").GetProperty("labelCount").GetInt32());
        Assert.Equal(1.0, result.GetProperty("after").GetProperty("top").EnumerateArray().Sum(t => t.GetProperty("probability").GetDouble()), 1e-4);
    }

    [Fact]
    public async Task Text_that_is_no_label_has_no_target()
    {
        var result = await app.Client.PostOkJsonAsync(Attack + "&text=zxqv&background=none&colour=%23ff0000&opacity=0.5",
            LookupRequests.Multipart(TestImages.Jpeg(), "photo.jpg", "image/jpeg"));

        Assert.Equal(JsonValueKind.Null, result.GetProperty("target").ValueKind);
    }

    [Theory]
    [InlineData("model=clip-rn-tiny", 400, "Give the text")]
    [InlineData("model=clip-rn-tiny&text=iPod&x=1.5", 400, "between 0 and 1")]
    [InlineData("model=clip-rn-tiny&text=iPod&colour=red", 400, "colour must be a colour")]
    [InlineData("model=clip-rn-tiny&text=iPod&size=abc", 400, "size must be a number")]
    [InlineData("model=clip-rn-tiny&text=iPod&font=99", 400, "font must be between 0 and")]
    [InlineData("model=nomodel&text=iPod", 404, "No model 'nomodel'")]
    public async Task Bad_attacks_are_problems_that_say_what_is_wrong(string query, int status, string message)
    {
        var response = await app.Client.PostAsync("/api/typographic?" + query, LookupRequests.Multipart(TestImages.Png(), "p.png", "image/png"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Uploads_get_the_same_hostile_upload_checks_as_the_lookup()
    {
        var text = await app.Client.PostAsync(Attack + "&text=iPod", LookupRequests.Multipart(TestImages.TextNamedPng(), "notes.png", "image/png"));
        var bomb = await app.Client.PostAsync(Attack + "&text=iPod", LookupRequests.Multipart(TestImages.PngBomb(), "bomb.png", "image/png"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bomb.StatusCode);
    }

    [Fact]
    public async Task A_model_that_is_not_clip_is_a_400()
    {
        using var catalog = new TestCatalog();
        using var resnet = new AtlasWebFactory(catalog.Path, app.Catalog.Settings());

        var response = await resnet.CreateAtlasClient().PostAsync("/api/typographic?model=resnet18&text=iPod",
            LookupRequests.Multipart(TestImages.Png(), "p.png", "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a CLIP model", await response.Content.ReadAsStringAsync());
    }

    private static float DatasetMax(int channel) => 1f + channel % 7 / 8f; // as ClipTestCatalog stores them

    private static IEnumerable<string?> Labels(JsonElement zeroShot) => zeroShot.GetProperty("top").EnumerateArray().Select(t => t.GetProperty("label").GetString());

    /// <summary>The model input without and with the label, each image's CLIP embedding and channel means of the top layer, and the share of changed pixels.</summary>
    private ((float[] Embedding, float[] Means) Before, (float[] Embedding, float[] Means) After, double Changed) Reference(byte[] encoded, TypographicLabel label)
    {
        var manifest = app.Catalog.Manifest;
        using var image = UploadDecoding.ForModel(encoded, manifest);
        var preprocessor = new ImagePreprocessor(manifest);
        using var before = preprocessor.ResizeAndCrop(image);
        using var fonts = FontLibrary.Shipped(AtlasPaths.FindRoot());
        using var after = new TypographicAttack(fonts).Render(before, label);
        using var extractor = ActivationExtractor.Create(manifest, new InferenceOptions(), [ClipTestCatalog.Layer]);
        var layer = manifest.GetLayer(ClipTestCatalog.Layer);
        (float[], float[]) Run(Image<Rgb24> picture)
        {
            var input = new float[preprocessor.TensorLength];
            preprocessor.WriteTensor(picture, input);
            using var batch = extractor.Run(input, 1);
            var tensor = batch.Tensor(layer.Tensor).ToArray();
            int plane = layer.Height * layer.Width;
            var means = Enumerable.Range(0, layer.Channels).Select(c => tensor.AsSpan(c * plane, plane).ToArray().Average()).ToArray();
            return (batch.Tensor(manifest.Embedding!.Tensor).ToArray(), means);
        }
        return (Run(before), Run(after), TypographicAttack.ChangedPixelShare(before, after));
    }
}

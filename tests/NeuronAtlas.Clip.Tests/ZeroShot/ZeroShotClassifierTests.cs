using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.ZeroShot;

public class ZeroShotClassifierTests
{
    private static readonly Lazy<ClipModel> Model = new(() => ClipModel.Load(ClipTestExports.TinyResNet(), new InferenceOptions()));

    private static ZeroShotClassifier Classifier(string labels = "iPod, piggy bank, spider, pizza, trash can, poodle, Granny Smith apple") =>
        new(Model.Value, LabelSet.Parse(labels));

    [Fact]
    public void Probabilities_sum_to_one_and_the_top_label_is_stable_across_calls_and_batching()
    {
        var classifier = Classifier();
        using var a = SyntheticImages.Create(1);
        using var b = SyntheticImages.Create(2);
        var batch = Model.Value.Image.Embed([a, b]);
        var single = Model.Value.Image.Embed(a);

        var probabilities = classifier.Probabilities(batch[0]);
        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 5);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        var first = classifier.Classify(a, topK: 3);
        var again = classifier.Classify(single, topK: 3);
        Assert.Equal(first.Select(p => p.Label), again.Select(p => p.Label));
        Assert.Equal(first[0].Index, classifier.Predict(batch[0]));
        Assert.True(first[0].Probability >= first[1].Probability && first[1].Probability >= first[2].Probability);
        Assert.Equal(probabilities[first[0].Index], first[0].Probability, 5);
    }

    [Fact]
    public void Probabilities_are_the_softmax_of_logit_scale_times_cosine()
    {
        var classifier = Classifier();
        using var image = SyntheticImages.Create(3);
        var embedding = Model.Value.Image.EmbedRaw([image])[0];
        var predictions = classifier.Classify(embedding, topK: 7);
        var cosines = Enumerable.Range(0, 7).Select(i => Dot(Unit(embedding), Unit(classifier.LabelEmbedding(i).ToArray()))).ToArray();
        var exp = cosines.Select(c => Math.Exp(classifier.LogitScale * c)).ToArray();
        foreach (var p in predictions)
        {
            Assert.Equal(cosines[p.Index], p.Cosine, 4);
            Assert.Equal(exp[p.Index] / exp.Sum(), p.Probability, 4);
        }
    }

    [Fact]
    public void A_label_embedding_is_the_normalized_mean_of_its_prompt_embeddings()
    {
        var templates = new PromptTemplates(["a photo of a {}.", "a drawing of a {}."]);
        var classifier = new ZeroShotClassifier(Model.Value, LabelSet.Parse("spider, pizza"), templates);
        var prompts = Model.Value.Text.Embed(["a photo of a pizza.", "a drawing of a pizza."]);
        var units = prompts.Select(Unit).ToArray();
        var expected = Unit(Enumerable.Range(0, units[0].Length).Select(i => (float)units.Average(u => u[i])).ToArray());
        Assert.Equal(expected, classifier.LabelEmbedding(1).ToArray().Select(x => (double)x), (x, y) => Math.Abs(x - y) < 1e-6);
        // An image embedding pointing exactly at a label's embedding is classified as that label.
        Assert.Equal("pizza", classifier.Classify(classifier.LabelEmbedding(1), topK: 1)[0].Label);
    }

    [Fact]
    public void Cached_label_embeddings_equal_freshly_computed_ones_and_depend_on_labels_and_templates()
    {
        var cache = Directory.CreateTempSubdirectory("neuronatlas-zeroshot-cache-").FullName;
        var labels = LabelSet.Parse("spider, pizza, iPod");
        var fresh = new ZeroShotClassifier(Model.Value, labels);
        var first = ZeroShotClassifier.Create(Model.Value, labels, null, cache);
        Assert.Single(Directory.GetFiles(cache));
        var cached = ZeroShotClassifier.Create(Model.Value, labels, null, cache);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(fresh.LabelEmbedding(i).ToArray(), first.LabelEmbedding(i).ToArray());
            Assert.Equal(fresh.LabelEmbedding(i).ToArray(), cached.LabelEmbedding(i).ToArray());
        }
        ZeroShotClassifier.Create(Model.Value, labels, PromptTemplates.LabelOnly, cache);
        ZeroShotClassifier.Create(Model.Value, LabelSet.Parse("spider, pizza"), null, cache);
        Assert.Equal(3, Directory.GetFiles(cache).Length);
    }

    [Fact]
    public void Label_sets_parse_user_lists_and_the_shipped_default()
    {
        var typed = LabelSet.Parse("iPod; piggy bank,\n spider , iPod");
        Assert.Equal(["iPod", "piggy bank", "spider"], typed.Labels);
        Assert.Equal(1, typed.IndexOf("PIGGY BANK"));
        var shipped = LabelSet.Shipped(ClipTestExports.RepoRoot);
        Assert.InRange(shipped.Labels.Count, 200, 1000);
        foreach (var required in new[] { "iPod", "piggy bank", "spider", "pizza", "trash can", "poodle", "Granny Smith apple" })
            Assert.True(shipped.IndexOf(required) >= 0, $"default.txt lacks '{required}'");
        Assert.All(TypographicAttackPresets.ArticlePairs, p => Assert.True(shipped.IndexOf(p.Class) >= 0, p.Class));
        Assert.Throws<ArgumentException>(() => LabelSet.Parse("only one"));
        Assert.Throws<ArgumentException>(() => new PromptTemplates(["no slot here"]));
    }

    private static double[] Unit(float[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}

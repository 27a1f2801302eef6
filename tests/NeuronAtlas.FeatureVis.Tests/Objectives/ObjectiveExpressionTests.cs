using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Tests.Support;
using NeuronAtlas.FeatureVis.Objectives.Graph;

namespace NeuronAtlas.FeatureVis.Tests.Objectives;

public class ObjectiveExpressionTests
{
    private static readonly NeuronAtlas.Core.Models.ModelManifest Manifest = EmbeddedModel.ResNet18();

    private static (float Weight, string Term)[] Terms(string text) =>
        ObjectiveExpression.Parse(text, Manifest).Terms.Select(t => (t.Weight, t.Term.Description)).ToArray();

    [Fact]
    public void Sums_differences_and_weights()
    {
        Assert.Equal([(1f, "channel(layer4:12)"), (1f, "channel(layer4:40)"), (-0.5f, "channel(layer3:7)")],
            Terms("layer4:12 + layer4:40 - 0.5*layer3:7"));
    }

    [Theory]
    [InlineData("neuron(layer4:12)", 1f, "neuron(layer4:12)")]
    [InlineData("neuron layer4:12", 1f, "neuron(layer4:12)")]
    [InlineData("channel(layer2:3)", 1f, "channel(layer2:3)")]
    [InlineData("diversity(layer4)", 1f, "diversity(layer4)")]
    [InlineData("diversity layer4", 1f, "diversity(layer4)")]
    [InlineData("2 layer1:0", 2f, "channel(layer1:0)")]
    [InlineData("layer1:0 * 3", 3f, "channel(layer1:0)")]
    [InlineData("layer1:0 / 4", 0.25f, "channel(layer1:0)")]
    [InlineData("-layer1:5", -1f, "channel(layer1:5)")]
    [InlineData("2*3*layer1:5", 6f, "channel(layer1:5)")]
    [InlineData("1e2 * diversity(layer3)", 100f, "diversity(layer3)")]
    [InlineData("  ((layer4:511))  ", 1f, "channel(layer4:511)")]
    public void Single_terms(string text, float weight, string term) => Assert.Equal([(weight, term)], Terms(text));

    [Fact]
    public void Parentheses_distribute_weights()
    {
        Assert.Equal([(0.5f, "channel(layer4:1)"), (0.5f, "channel(layer4:2)"), (-2f, "neuron(layer3:0)")],
            Terms("(layer4:1 + layer4:2) / 2 - 2 * (neuron(layer3:0))"));
    }

    [Fact]
    public void Maps_layer_ids_to_the_manifests_tensors()
    {
        var objective = ObjectiveExpression.Parse("layer4:12 - 0.5*layer3:7 + diversity(layer4)", Manifest).ToObjective(Manifest);
        Assert.Equal(["ReLU393_Output_0", "ReLU347_Output_0"], objective.Tensors.ToArray());
        Assert.Equal([1f, -0.5f, 1f], objective.Terms.Select(t => t.Weight).ToArray());
        Assert.IsType<ChannelWeightsTerm>(objective.Terms[0].Term);
        Assert.IsType<DiversityTerm>(objective.Terms[2].Term);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("layer4", 0, "needs a channel")]
    [InlineData("layer4:", 7, "Expected a channel number")]
    [InlineData("layer4:x", 7, "Expected a channel number")]
    [InlineData("layer9:1", 0, "has no layer 'layer9'")]
    [InlineData("layer4:512", 7, "outside layer 'layer4'")]
    [InlineData("layer4:1 +", 10, "Expected a layer:channel")]
    [InlineData("layer4:1 + 2", 9, "A number cannot be added")]
    [InlineData("layer4:1 * layer4:2", 9, "Two objectives cannot be multiplied")]
    [InlineData("2 / layer4:2", 2, "Cannot divide by an objective")]
    [InlineData("layer4:2 / 0", 9, "Division by zero")]
    [InlineData("(layer4:1", 9, "')' to close the '(' at position 1")]
    [InlineData("neuron(layer4:1", 15, "')' to close neuron(")]
    [InlineData("foo(layer4:1)", 0, "Unknown function or layer 'foo'")]
    [InlineData("layer4:1 $ 2", 9, "Unexpected character '$'")]
    [InlineData("3 * 4", 0, "a number, not an objective")]
    [InlineData("layer4:1)", 8, "Expected '+', '-', '*' or '/'")]
    [InlineData("diversity(layer4:1)", 16, "')' to close diversity(")]
    public void Malformed_expressions_name_the_problem_and_its_position(string text, int position, string problem)
    {
        var error = Assert.Throws<ObjectiveSyntaxException>(() => ObjectiveExpression.Parse(text, Manifest));
        Assert.Contains(problem, error.Message);
        Assert.Equal(position, error.Position);
        Assert.EndsWith(new string(' ', position) + "^", error.Message);
    }

    [Fact]
    public void Without_a_manifest_any_layer_id_is_accepted()
    {
        var objective = ObjectiveExpression.Parse("image_block_4.5:2 + 2*diversity(embed)");
        Assert.Equal("channel(image_block_4.5:2) + 2 × diversity(embed)", objective.Description);
    }

    [Fact]
    public void Per_item_objectives_fix_the_batch_size_and_read_out_from_activations()
    {
        var objective = LayerObjective.Channel("layer1", [0, 2]) + 0.5f * LayerObjective.Neuron("layer1", [1, 1]);
        Assert.Equal(2, objective.ItemCount);
        var layer = Manifest.GetLayer("layer1");
        int plane = layer.Height * layer.Width;
        var activations = new float[2 * layer.Channels * plane];
        activations.AsSpan((1 * layer.Channels + 2) * plane, plane).Fill(3f); // item 1, channel 2: mean 3
        activations[(1 * layer.Channels + 1) * plane + layer.Height / 2 * layer.Width + layer.Width / 2] = 4f; // item 1, channel 1, centre
        var values = new Dictionary<string, float[]> { ["layer1"] = activations };
        Assert.Equal(0f, objective.ReadOut(values, Manifest, 0));
        Assert.Equal(3f + 0.5f * 4f, objective.ReadOut(values, Manifest, 1), 5);
        Assert.Throws<InvalidOperationException>(() => (LayerObjective.Channel("layer1", [0, 1]) + LayerObjective.Channel("layer1", [0, 1, 2])).ItemCount);
    }
    private static float[] FakeEmbedding(string text) => [text.Length, 1f];

    [Theory]
    [InlineData("text:\"spider\" + 0.5*layer4:12", "1:text(\"spider\")|0.5:channel(layer4:12)")]
    [InlineData("0.5*layer4:12 - 2*TEXT : 'café'", "0.5:channel(layer4:12)|-2:text(\"café\")")]
    [InlineData("(text:\"a spider\" + text:\"a web\") / 2", "0.5:text(\"a spider\")|0.5:text(\"a web\")")]
    [InlineData("layer4:1 + text: a bare phrase to the end ", "1:channel(layer4:1)|1:text(\"a bare phrase to the end\")")]
    [InlineData("-text:\"it's\"", "-1:text(\"it's\")")]
    public void Text_terms_combine_with_layer_terms(string text, string expected)
    {
        var resolved = new List<string>();
        var objective = ObjectiveExpression.Parse(text, Manifest, phrase =>
        {
            resolved.Add(phrase);
            return FakeEmbedding(phrase);
        });
        Assert.Equal(expected, string.Join("|", objective.Terms.Select(t => $"{t.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{t.Term.Description}")));
        var textTerms = objective.Terms.Select(t => t.Term).OfType<TextCosineTerm>().ToList();
        Assert.Equal(textTerms.Select(t => t.Text), resolved);
        Assert.All(textTerms, t => Assert.Equal(FakeEmbedding(t.Text), t.Direction));
        Assert.All(textTerms, t => Assert.Equal(EmbeddingLayer.Id, t.LayerId));
    }

    [Theory]
    [InlineData("text:\"spider", 5, "no closing \"")]
    [InlineData("layer4:1 + text:", 16, "Expected the text after 'text:'")]
    [InlineData("text:\"  \"", 5, "The text is empty")]
    [InlineData("text:\"a\" layer4:1", 9, "Two objectives cannot be multiplied")]
    [InlineData("text:\"a\" text", 9, "Unknown function or layer 'text'")]
    public void Malformed_text_terms_name_the_problem_and_its_position(string text, int position, string problem)
    {
        var error = Assert.Throws<ObjectiveSyntaxException>(() => ObjectiveExpression.Parse(text, Manifest, FakeEmbedding));
        Assert.Contains(problem, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void A_text_term_needs_a_text_encoder_and_a_phrase_within_the_limit()
    {
        var noEncoder = Assert.Throws<ObjectiveSyntaxException>(() => ObjectiveExpression.Parse("layer4:1 + text:\"spider\"", Manifest));
        Assert.Contains("Model 'resnet18' is not a CLIP model", noEncoder.Message);
        Assert.Equal(11, noEncoder.Position);
        var tooLong = new string('a', ObjectiveExpression.MaxTextLength + 1);
        var error = Assert.Throws<ObjectiveSyntaxException>(() => ObjectiveExpression.Parse($"text:\"{tooLong}\"", Manifest, FakeEmbedding));
        Assert.Contains($"the limit is {ObjectiveExpression.MaxTextLength}", error.Message);
        Assert.Equal(5, error.Position);
    }

    [Fact]
    public void A_layer_named_text_keeps_its_channel_syntax()
    {
        Assert.Equal("channel(text:3)", ObjectiveExpression.Parse("text:3").Description);
    }
}

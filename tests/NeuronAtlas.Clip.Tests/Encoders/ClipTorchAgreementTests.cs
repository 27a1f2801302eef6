using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.Encoders;

public class ClipTorchAgreementTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Text_embeddings_from_the_tokenizer_and_text_onnx_equal_torch_on_the_same_ids()
    {
        var manifest = ClipTestExports.TinyResNet();
        using var encoder = ClipTextEncoder.Load(manifest, new InferenceOptions());
        string[] texts = ["a photo of a spider", "iPod", "$$$", "Granny Smith apple", "", "a very long caption " + string.Join(" ", Enumerable.Repeat("word", 90))];
        var tokens = texts.Select(encoder.Tokenize).ToList();
        var raw = encoder.EmbedRaw(texts);
        var unit = encoder.Embed(texts);

        var torch = TorchReference.Compute(ClipTestExports.TinyResNetDirectory, tokens);

        Assert.Equal(texts.Length, torch.Text!.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            AssertClose(torch.Text[i], raw[i], $"text {i} ('{texts[i][..Math.Min(20, texts[i].Length)]}')");
            var torchUnit = EmbeddingVectors.Normalized(torch.Text[i]);
            AssertClose(torchUnit, unit[i], $"unit text {i}");
            Assert.Equal(1f, EmbeddingVectors.Norm(unit[i]), 4);
        }
    }

    [Fact]
    public void Image_embeddings_and_layer_activations_equal_torch_on_the_same_preprocessed_tensors()
    {
        var manifest = ClipTestExports.TinyResNet();
        using var encoder = ClipImageEncoder.Load(manifest, new InferenceOptions());
        var preprocessor = new ImagePreprocessor(manifest);
        const int count = 3;
        var input = new float[count * preprocessor.TensorLength];
        for (int i = 0; i < count; i++)
        {
            using var image = SyntheticImages.Create(seed: 40 + i, width: 130, height: 110);
            preprocessor.Preprocess(image, input.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
        }
        var raw = encoder.EmbedRaw(input, count);
        using var extractor = ActivationExtractor.Create(manifest, new InferenceOptions(), ["image_block_4_1"]);
        using var batch = extractor.Run(input, count);
        var layer = batch.Tensor("image_block_4_1").ToArray();

        var torch = TorchReference.Compute(ClipTestExports.TinyResNetDirectory, null, input, count);

        for (int i = 0; i < count; i++) AssertClose(torch.Image![i], raw[i], $"image {i}");
        var spec = manifest.GetLayer("image_block_4_1");
        int positions = spec.Height * spec.Width;
        for (int i = 0; i < count; i++)
        {
            var means = Enumerable.Range(0, spec.Channels)
                .Select(c => layer.AsSpan((i * spec.Channels + c) * positions, positions).ToArray().Average()).ToArray();
            AssertClose(torch.LayerChannelMeans!["image_block_4_1"][i], means, $"image {i} channel means");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= Tolerance, $"{what}: max |torch - onnx| = {worst:G3} > {Tolerance:G3}");
    }
}

using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Web.Tests.Lookup;

/// <summary>
/// The expected lookup answer, computed by PyTorch (tools/torch_reference) rather than the ONNX Runtime extraction the
/// app uses: ResNet18 on the image's model input, each channel's mean over positions divided by the test catalog's
/// dataset maximum, highest first. The input is decoded as uploads are (<see cref="UploadDecoding"/>: Skia, which the
/// Core tests check against PIL's libjpeg decode) and preprocessed by <see cref="ImagePreprocessor"/>, which the Core tests
/// check against PIL's. The images the lookup tests send are run through torch once, together.
/// </summary>
public sealed class ReferenceLookup
{
    private readonly ModelManifest _manifest = new TestCatalog().Manifest;
    private readonly List<(float[] Input, Dictionary<string, double[]> Means)> _known = [];

    public ReferenceLookup()
    {
        byte[][] images = [TestImages.Jpeg(), TestImages.FirstFramePng(TestImages.AnimatedGif()), TestImages.RedSquare(transparent: false)];
        var inputs = images.Select(Input).ToArray();
        var means = TorchResNet18Reference.OnInput(_manifest, inputs.SelectMany(i => i).ToArray());
        for (int i = 0; i < inputs.Length; i++)
            _known.Add((inputs[i], means.ToDictionary(l => l.Key, l => l.Value[i])));
    }

    public IReadOnlyDictionary<string, (int Index, float Activation)[]> TopNeurons(byte[] encoded, int top)
    {
        var input = Input(encoded);
        var means = _known.FirstOrDefault(k => k.Input.AsSpan().SequenceEqual(input)).Means
            ?? throw new ArgumentException("This image was not run through torch: add it to ReferenceLookup's images.");
        return _manifest.Layers.ToDictionary(layer => layer.Id, layer => Enumerable.Range(0, layer.Channels)
            .OrderByDescending(c => means[layer.Id][c] / TestCatalog.MaxOf(layer.Id, c))
            .Take(top)
            .Select(c => (c, (float)means[layer.Id][c]))
            .ToArray());
    }

    private float[] Input(byte[] encoded) => ModelInput(_manifest, encoded);

    /// <summary>The model input of an encoded image, as the lookup prepares it.</summary>
    internal static float[] ModelInput(ModelManifest manifest, byte[] encoded)
    {
        var preprocessor = new ImagePreprocessor(manifest);
        using var image = UploadDecoding.ForModel(encoded, manifest);
        var input = new float[preprocessor.TensorLength];
        preprocessor.Preprocess(image, input);
        return input;
    }
}

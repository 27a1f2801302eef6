using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Lookup;

/// <summary>
/// The expected lookup answer, computed outside the web app: ResNet18 on the image, each channel's mean over
/// positions divided by the test catalog's dataset maximum, highest first.
/// </summary>
public sealed class ReferenceLookup : IDisposable
{
    private readonly ModelManifest _manifest = new TestCatalog().Manifest;
    private readonly ActivationExtractor _extractor;

    public ReferenceLookup() => _extractor = ActivationExtractor.Create(_manifest, new InferenceOptions());

    public IReadOnlyDictionary<string, (int Index, float Activation)[]> TopNeurons(byte[] encoded, int top)
    {
        using var image = Image.Load<Rgb24>(encoded);
        var preprocessor = new ImagePreprocessor(_manifest);
        var input = new float[preprocessor.TensorLength];
        preprocessor.Preprocess(image, input);
        using var batch = _extractor.Run(input, 1);
        var result = new Dictionary<string, (int, float)[]>();
        foreach (var layer in _manifest.Layers)
        {
            var tensor = batch.Tensor(layer.Tensor);
            int plane = layer.Height * layer.Width;
            var means = new float[layer.Channels];
            for (int c = 0; c < layer.Channels; c++)
            {
                float sum = 0;
                foreach (var v in tensor.Slice(c * plane, plane)) sum += v;
                means[c] = sum / plane;
            }
            result[layer.Id] = Enumerable.Range(0, layer.Channels)
                .OrderByDescending(c => means[c] / TestCatalog.MaxOf(layer.Id, c))
                .Take(top)
                .Select(c => (c, means[c]))
                .ToArray();
        }
        return result;
    }

    public void Dispose() => _extractor.Dispose();
}

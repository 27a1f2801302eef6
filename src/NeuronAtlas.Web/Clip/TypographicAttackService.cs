using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Clip;
using NeuronAtlas.Core.TextRendering;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// The typographic attack lab: draws text onto an uploaded image (as the model sees it: resized and centre-cropped),
/// runs the CLIP model on both, and compares their zero-shot labels and neurons. The upload goes through the same
/// checks and inference slots as the lookup and stays in memory.
/// </summary>
public sealed class TypographicAttackService(
    UploadImageDecoder decoder,
    InferenceGate gate,
    ExtractorPool extractors,
    LookupCatalogReader catalog,
    ImageLookupService lookup,
    ZeroShotService zeroShot,
    IOptions<TypographicOptions> options,
    IHostEnvironment environment) : IDisposable
{
    private readonly Lazy<FontLibrary> _fonts = new(() => FontLibrary.Shipped(environment.ContentRootPath));

    /// <summary>The fonts a label can use, by index (file names under data/fonts).</summary>
    public IReadOnlyList<string> FontNames => _fonts.Value.Files.Select(Path.GetFileNameWithoutExtension).ToList()!;

    /// <exception cref="RequestRejectedException">400 bad label or not a CLIP model, 404 unknown model, upload rejections, 503 busy.</exception>
    public async Task<TypographicResult> AttackAsync(byte[] upload, string? modelId, TypographicLabel label, string? labels, CancellationToken ct)
    {
        Validate(label);
        var inspected = decoder.Inspect(upload);
        var model = await catalog.ResolveAsync(modelId, ct);
        var clip = lookup.ClipFor(model.ModelId, labels)
            ?? throw RequestRejectedException.Invalid($"Model '{model.ModelId}' is not a CLIP model: typographic attacks are read through zero-shot labels.");
        // A typed label list is encoded through the text-encoding gate before taking an image-inference slot.
        var classifier = await zeroShot.ClassifierAsync(clip, labels, ct);
        var (extractor, preprocessor) = extractors.Get(model.ModelId, model.Layers.Select(l => l.LayerId).ToList())
            ?? throw LookupCatalogReader.UnknownModel(model.ModelId);

        using (await gate.EnterAsync(ct))
        {
            using var image = decoder.Decode(inspected);
            using var before = preprocessor.ResizeAndCrop(image);
            using var after = new TypographicAttack(_fonts.Value).Render(before, label);
            int length = preprocessor.TensorLength;
            var input = new float[2 * length];
            preprocessor.WriteTensor(before, input.AsSpan(0, length));
            preprocessor.WriteTensor(after, input.AsSpan(length, length));
            using var batch = extractor.Run(input, 2);

            var embeddings = batch.Tensor(clip.Manifest.Embedding!.Tensor);
            int d = embeddings.Length / 2;
            float[] beforeEmbedding = embeddings[..d].ToArray(), afterEmbedding = embeddings[d..].ToArray();
            var changed = model.Layers.Select(layer => ChangedLayer(model.ModelId, layer, batch.Tensor(layer.TensorName))).ToList();

            using var beforeJpeg = new MemoryStream();
            await before.SaveAsJpegAsync(beforeJpeg, ct);
            using var afterPng = new MemoryStream();
            await after.SaveAsPngAsync(afterPng, ct);
            return new TypographicResult(model.ModelId, model.DisplayName, label.Text, TypographicAttack.ChangedPixelShare(before, after),
                zeroShot.Classify(classifier, beforeEmbedding), zeroShot.Classify(classifier, afterEmbedding),
                Target(classifier, label.Text, beforeEmbedding, afterEmbedding), changed, beforeJpeg.ToArray(), afterPng.ToArray());
        }
    }

    /// <summary>Checks a label's text and placement; a 400 rejection names the first problem.</summary>
    public void Validate(TypographicLabel label)
    {
        var text = label.Text.Trim();
        int max = options.Value.MaxTextLength;
        if (text.Length == 0) throw RequestRejectedException.Invalid("Give the text to draw, e.g. text=iPod.");
        if (text.Length > max) throw RequestRejectedException.Invalid($"The text is {text.Length} characters long; the limit is {max}.");
        if (label.X is < 0 or > 1 || label.Y is < 0 or > 1) throw RequestRejectedException.Invalid("x and y are shares of the image: between 0 and 1.");
        if (label.Size is < 0.02f or > 1) throw RequestRejectedException.Invalid("size is a share of the image's shorter side: between 0.02 and 1.");
        if (label.Opacity is < 0 or > 1) throw RequestRejectedException.Invalid("opacity must be between 0 and 1.");
        if (label.Font < 0 || label.Font >= _fonts.Value.Count)
            throw RequestRejectedException.Invalid($"font must be between 0 and {_fonts.Value.Count - 1} ({string.Join(", ", FontNames)}).");
        if (!_fonts.Value.FontsCovering(text).Contains(label.Font))
            throw RequestRejectedException.Invalid($"Font {label.Font} ({FontNames[label.Font]}) cannot draw \"{text}\"; fonts that can: {string.Join(", ", _fonts.Value.FontsCovering(text))}.");
    }

    private ChangedLayer ChangedLayer(string modelId, LookupLayerData layer, ReadOnlySpan<float> tensor)
    {
        var before = layer.ChannelMeans(tensor, batchSize: 2, item: 0);
        var after = layer.ChannelMeans(tensor, batchSize: 2, item: 1);
        var neurons = Enumerable.Range(0, layer.Channels)
            .Where(c => layer.DatasetMax[c] > 0)
            .Select(c => (Channel: c, Change: (after[c] - before[c]) / layer.DatasetMax[c]))
            .OrderByDescending(n => Math.Abs(n.Change))
            .Take(options.Value.ChangedNeurons)
            .Select(n =>
            {
                string? hash = layer.TopImageHashes[n.Channel];
                return new ChangedNeuron(n.Channel, layer.Labels[n.Channel], before[n.Channel], after[n.Channel], layer.DatasetMax[n.Channel], n.Change,
                    AtlasUrls.Neuron(modelId, layer.LayerId, n.Channel), hash is null ? null : AtlasUrls.Image(hash), layer.TopImageFlagged[n.Channel]);
            })
            .ToList();
        return new ChangedLayer(layer.LayerId, layer.DisplayName, AtlasUrls.Layer(modelId, layer.LayerId), neurons);
    }

    /// <summary>The class the text aims for: the article's pairing for a preset text, else the text itself when it is a label.</summary>
    private static TypographicTarget? Target(ZeroShotClassifier classifier, string text, ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        var preset = TypographicAttackPresets.ArticlePairs.FirstOrDefault(p => string.Equals(p.Text, text.Trim(), StringComparison.OrdinalIgnoreCase));
        int index = classifier.Labels.IndexOf(preset.Class ?? text);
        if (index < 0) return null;
        return new TypographicTarget(classifier.Labels.Labels[index], classifier.Probabilities(before)[index], classifier.Probabilities(after)[index]);
    }

    public void Dispose()
    {
        if (_fonts.IsValueCreated) _fonts.Value.Dispose();
    }
}

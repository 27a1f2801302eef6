using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Routing;
using SixLabors.ImageSharp;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// The typographic attack lab: draws text onto an uploaded image (as the model sees it: resized and centre-cropped),
/// runs the CLIP model on both, and compares their zero-shot labels and neurons. Both images go through the lookup's
/// pipeline (<see cref="ImageLookupService.RunAsync"/>): the same upload checks, preprocessing, decode and inference slots
/// and extraction, both images in one request of a (possibly shared) batch. The upload stays in memory.
/// </summary>
public sealed class TypographicAttackService(
    ImageLookupService lookup,
    ZeroShotService zeroShot,
    IOptions<TypographicOptions> options,
    IOptions<AtlasOptions> atlas,
    IHostEnvironment environment) : IDisposable
{
    private readonly RetryingLazy<FontLibrary> _fonts = new(() => FontLibrary.FromDirectory(atlas.Value.FontsFullPath(environment.ContentRootPath)));

    /// <summary>The fonts a label can use, by index (file names under data/fonts).</summary>
    public IReadOnlyList<string> FontNames => _fonts.Value.Files.Select(Path.GetFileNameWithoutExtension).ToList()!;

    /// <exception cref="RequestRejectedException">400 bad label or not a CLIP model, 404 unknown model, upload rejections, 503 busy.</exception>
    /// <remarks>Runs on the thread pool, never on the caller's thread (a Blazor circuit's), as the lookup does.</remarks>
    public Task<TypographicResult> AttackAsync(byte[] upload, string? modelId, TypographicLabel label, string? labels, CancellationToken ct) =>
        Task.Run(() => AttackOnPoolAsync(upload, modelId, label, labels, ct), ct);

    private async Task<TypographicResult> AttackOnPoolAsync(byte[] upload, string? modelId, TypographicLabel label, string? labels, CancellationToken ct)
    {
        Validate(label);
        var attack = new TypographicAttack(_fonts.Value);
        return await lookup.RunAsync(upload, modelId, labels, "typographic attacks are read through zero-shot labels",
            cropped => [attack.Render(cropped, label)], async run =>
            {
                var (before, after) = (run.Images[0], run.Images[1]);
                var classifier = run.Classifier!;
                float[] beforeEmbedding = run.Embedding(0)!, afterEmbedding = run.Embedding(1)!;
                var changed = run.Model.Layers.Select(layer => ChangedLayer(run.Model.ModelId, layer, run.Activations.Tensor(layer.TensorName))).ToList();

                using var beforeJpeg = new MemoryStream();
                await before.SaveAsJpegAsync(beforeJpeg, ct);
                using var afterPng = new MemoryStream();
                await after.SaveAsPngAsync(afterPng, ct);
                return new TypographicResult(run.Model.ModelId, run.Model.DisplayName, label.Text, TypographicAttack.ChangedPixelShare(before, after),
                    zeroShot.Classify(classifier, beforeEmbedding), zeroShot.Classify(classifier, afterEmbedding),
                    Target(classifier, label.Text, beforeEmbedding, afterEmbedding), changed, beforeJpeg.ToArray(), afterPng.ToArray());
            }, ct);
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

using NeuronAtlas.Core.Clip;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// Finds the neurons an uploaded image excites. Each neuron's activation is its mean over positions (as in the
/// catalog's dataset pass), ranked relative to the neuron's dataset maximum: a neuron at 1.0 fires as strongly
/// as on its best dataset image. Neurons whose dataset maximum is not positive are not ranked.
/// </summary>
public sealed class ImageLookupService(
    UploadImageDecoder decoder,
    InferenceGate gate,
    ExtractorPool extractors,
    LookupCatalogReader catalog,
    ZeroShotService zeroShot)
{
    public const int DefaultTop = 8;
    public const int MaxTop = 64;

    /// <param name="modelId">A catalog model; null for the default one.</param>
    /// <param name="labels">CLIP models only: zero-shot labels separated by new lines or commas; null uses the default label set.</param>
    /// <exception cref="RequestRejectedException">The upload or request is refused, with the status to answer.</exception>
    public async Task<LookupResult> LookupAsync(byte[] upload, string? modelId, int top, CancellationToken ct, string? labels = null)
    {
        if (top is < 1 or > MaxTop) throw RequestRejectedException.Invalid($"top must be between 1 and {MaxTop}.");
        var inspected = decoder.Inspect(upload);
        var model = await catalog.ResolveAsync(modelId, ct);
        var (extractor, preprocessor) = extractors.Get(model.ModelId, model.Layers.Select(l => l.LayerId).ToList())
            ?? throw LookupCatalogReader.UnknownModel(model.ModelId);
        var clip = ClipFor(model.ModelId, labels);
        // A typed label list is encoded here, through the text-encoding gate, before taking an image-inference slot.
        var classifier = clip is null ? null : await zeroShot.ClassifierAsync(clip, labels, ct);

        using (await gate.EnterAsync(ct))
        {
            using var image = decoder.Decode(inspected);
            using var cropped = preprocessor.ResizeAndCrop(image);
            var input = new float[preprocessor.TensorLength];
            preprocessor.WriteTensor(cropped, input);
            using var batch = extractor.Run(input, 1);
            var layers = model.Layers.Select(layer => RankLayer(model.ModelId, layer, batch, top)).ToList();
            var embedding = clip is null ? null : batch.Tensor(clip.Manifest.Embedding!.Tensor).ToArray();
            var labelled = classifier is null ? null : zeroShot.Classify(classifier, embedding);
            using var jpeg = new MemoryStream();
            await cropped.SaveAsJpegAsync(jpeg, ct);
            return new LookupResult(model.ModelId, model.DisplayName, inspected.Format.Name, inspected.Width, inspected.Height,
                labelled, layers, jpeg.ToArray(), embedding);
        }
    }

    /// <summary>
    /// Zero-shot labels for an image embedding from an earlier lookup, with another label list. Only the label list runs
    /// through the text encoder (and its gate); comparing it with the stored embedding needs no inference slot.
    /// </summary>
    public async Task<ZeroShotLabels> RelabelAsync(string modelId, float[] imageEmbedding, string? labels, CancellationToken ct)
    {
        var clip = ClipFor(modelId, labels) ?? throw RequestRejectedException.Invalid($"Model '{modelId}' is not a CLIP model: it has no zero-shot labels.");
        return zeroShot.Classify(await zeroShot.ClassifierAsync(clip, labels, ct), imageEmbedding);
    }

    /// <summary>
    /// The model's CLIP encoders, or null for other models. A typed label list is checked here, before any inference.
    /// Without one, the shared default label set is prepared here, outside the inference slots: the first time, that
    /// embeds thousands of prompts, and other requests should not wait for a slot meanwhile.
    /// </summary>
    internal ClipModel? ClipFor(string modelId, string? labels)
    {
        var clip = zeroShot.Model(modelId);
        if (string.IsNullOrWhiteSpace(labels))
        {
            if (clip is not null) zeroShot.DefaultClassifier(clip);
            return clip;
        }
        if (clip is null) throw RequestRejectedException.Invalid($"Model '{modelId}' is not a CLIP model, so it has no zero-shot labels; leave 'labels' out.");
        zeroShot.ParseCustomLabels(labels);
        return clip;
    }

    internal static LookupLayer RankLayer(string modelId, LookupLayerData layer, ActivationBatch batch, int top)
    {
        var tensor = batch.Tensor(layer.TensorName);
        int plane = layer.Height * layer.Width;
        var means = layer.ChannelMeans(tensor, batchSize: 1, item: 0);
        var ranked = Enumerable.Range(0, layer.Channels)
            .Where(c => layer.DatasetMax[c] > 0)
            .OrderByDescending(c => means[c] / layer.DatasetMax[c])
            .Take(top);
        var neurons = new List<LookupNeuron>();
        foreach (int c in ranked)
        {
            string? hash = layer.TopImageHashes[c];
            neurons.Add(new LookupNeuron(c, layer.Labels[c], means[c], layer.DatasetMax[c], means[c] / layer.DatasetMax[c],
                AtlasUrls.Neuron(modelId, layer.LayerId, c), hash is null ? null : AtlasUrls.Image(hash), layer.TopImageFlagged[c],
                tensor.Slice(c * plane, plane).ToArray()));
        }
        return new LookupLayer(layer.LayerId, layer.DisplayName, AtlasUrls.Layer(modelId, layer.LayerId), neurons, layer.Width, layer.Height);
    }
}

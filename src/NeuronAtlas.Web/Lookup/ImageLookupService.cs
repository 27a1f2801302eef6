using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Uploads;
using NeuronAtlas.Web.Problems;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// Finds the neurons an uploaded image excites. Each neuron's activation is its mean over positions (as in the
/// catalog's dataset pass), ranked relative to the neuron's dataset maximum: a neuron at 1.0 fires as strongly
/// as on its best dataset image. Neurons whose dataset maximum is not positive are not ranked. Its pipeline
/// (<see cref="RunAsync"/>) serves the typographic attack too.
/// </summary>
public sealed class ImageLookupService(
    UploadImageDecoder decoder,
    DecodeGate decodeGate,
    ExtractorPool extractors,
    LookupCatalogReader catalog,
    ZeroShotService zeroShot)
{
    public const int DefaultTop = 8;
    public const int MaxTop = 64;

    /// <summary>The model input shown on the lookup page: small, so a plain quality-80 JPEG costs about a millisecond.</summary>
    private static readonly JpegEncoder ModelInputEncoder = new() { Quality = 80 };

    /// <param name="modelId">A catalog model; null for the default one.</param>
    /// <param name="labels">CLIP models only: zero-shot labels separated by new lines or commas; null uses the default label set.</param>
    /// <param name="withModelInputJpeg">Whether to encode the model input as a JPEG for display (the page shows it; the API does not send it).</param>
    /// <exception cref="RequestRejectedException">The upload or request is refused, with the status to answer.</exception>
    /// <remarks>
    /// Runs on the thread pool, never on the caller's thread: a Blazor circuit would otherwise decode, load models,
    /// build zero-shot classifiers (up to labels × templates text encodings) and run inference on its own thread.
    /// </remarks>
    public Task<LookupResult> LookupAsync(byte[] upload, string? modelId, int top, CancellationToken ct, string? labels = null,
        bool withModelInputJpeg = false) =>
        Task.Run(() => LookupOnPoolAsync(upload, modelId, top, labels, withModelInputJpeg, ct), ct);

    private async Task<LookupResult> LookupOnPoolAsync(byte[] upload, string? modelId, int top, string? labels, bool withModelInputJpeg,
        CancellationToken ct)
    {
        if (top is < 1 or > MaxTop) throw RequestRejectedException.Invalid($"top must be between 1 and {MaxTop}.");
        return await RunAsync(upload, modelId, labels, clipRequiredFor: null, _ => [], async run =>
        {
            var layers = run.Model.Layers.Select(layer => RankLayer(run.Model.ModelId, layer, run.Activations, top)).ToList();
            var embedding = run.Embedding(0);
            var labelled = run.Classifier is null ? null : zeroShot.Classify(run.Classifier, embedding);
            byte[]? jpeg = null;
            if (withModelInputJpeg)
            {
                using var buffer = new MemoryStream();
                await run.Images[0].SaveAsJpegAsync(buffer, ModelInputEncoder, ct);
                jpeg = buffer.ToArray();
            }
            return new LookupResult(run.Model.ModelId, run.Model.DisplayName, run.Upload.Format.Name, run.Upload.Width, run.Upload.Height,
                labelled, layers, jpeg, embedding);
        }, ct);
    }

    /// <summary>
    /// The lookup pipeline, which the typographic attack shares. Checks the upload, the model and the labels before any
    /// decoding; then, in a decode slot, decodes the upload, resizes and centre-crops it as the model sees it, adds the
    /// images <paramref name="derive"/> makes from the crop and writes the model input of all of them; then the model's
    /// <see cref="LookupBatcher"/> runs them, in one batch with other lookups of the model, and
    /// <paramref name="read"/> reads this request's items. The images are disposed afterwards.
    /// </summary>
    /// <param name="clipRequiredFor">Why the caller needs a CLIP model (a 400 says so for other models); null when any model will do.</param>
    internal async Task<T> RunAsync<T>(byte[] upload, string? modelId, string? labels, string? clipRequiredFor,
        Func<Image<Rgb24>, IReadOnlyList<Image<Rgb24>>> derive, Func<LookupRun, Task<T>> read, CancellationToken ct)
    {
        var inspected = decoder.Inspect(upload);
        var model = await catalog.ResolveAsync(modelId, ct);
        var clip = ClipFor(model.ModelId, labels);
        if (clip is null && clipRequiredFor is not null)
            throw RequestRejectedException.Invalid($"Model '{model.ModelId}' is not a CLIP model: {clipRequiredFor}.");
        var loaded = extractors.Get(model.ModelId, model.Layers.Select(l => l.LayerId).ToList())
            ?? throw LookupCatalogReader.UnknownModel(model.ModelId);
        // A typed label list is encoded here, through the text-encoding gate, before taking a decode slot.
        var classifier = clip is null ? null : await zeroShot.ClassifierAsync(clip, labels, ct);

        var images = new List<Image<Rgb24>>();
        try
        {
            var input = await PrepareInputAsync(inspected, loaded, derive, images, ct);
            var activations = await loaded.Batcher.RunAsync(input, images.Count, ct);
            return await read(new LookupRun(model, inspected, clip, classifier, images, activations));
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    /// <summary>Decodes, resizes and crops the upload and adds the derived images to <paramref name="images"/>, in a decode slot; returns their model input.</summary>
    private async Task<float[]> PrepareInputAsync(InspectedUpload inspected, LookupModel loaded,
        Func<Image<Rgb24>, IReadOnlyList<Image<Rgb24>>> derive, List<Image<Rgb24>> images, CancellationToken ct)
    {
        using var announced = loaded.Batcher.AnnounceDecoding();
        using var slot = await decodeGate.EnterAsync(ct);
        var preprocessor = loaded.Preprocessor;
        using (var image = decoder.Decode(inspected, preprocessor.DecodeShortSide)) images.Add(preprocessor.ResizeAndCrop(image));
        images.AddRange(derive(images[0]));
        int length = preprocessor.TensorLength;
        var input = new float[images.Count * length];
        for (int i = 0; i < images.Count; i++) preprocessor.WriteTensor(images[i], input.AsSpan(i * length, length));
        return input;
    }

    /// <summary>
    /// Zero-shot labels for an image embedding from an earlier lookup, with another label list. Only the label list runs
    /// through the text encoder (and its gate); comparing it with the stored embedding needs no inference slot.
    /// </summary>
    /// <remarks>Runs on the thread pool, as <see cref="LookupAsync"/>.</remarks>
    public Task<ZeroShotLabels> RelabelAsync(string modelId, float[] imageEmbedding, string? labels, CancellationToken ct) => Task.Run(async () =>
    {
        var clip = ClipFor(modelId, labels) ?? throw RequestRejectedException.Invalid($"Model '{modelId}' is not a CLIP model: it has no zero-shot labels.");
        return zeroShot.Classify(await zeroShot.ClassifierAsync(clip, labels, ct), imageEmbedding);
    }, ct);

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

    internal static LookupLayer RankLayer(string modelId, LookupLayerData layer, ActivationSlice activations, int top)
    {
        var tensor = activations.Tensor(layer.TensorName);
        int plane = layer.Height * layer.Width;
        var means = layer.ChannelMeans(tensor, batchSize: 1, item: 0);
        var ranked = NeuronRanking.Top(means, layer.DatasetMax, top);
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

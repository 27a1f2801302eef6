using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Uploads;
using SixLabors.ImageSharp;

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
    LookupCatalogReader catalog)
{
    public const int DefaultTop = 8;
    public const int MaxTop = 64;

    /// <param name="modelId">A catalog model; null for the default one.</param>
    /// <exception cref="LookupRejectedException">The upload or request is refused, with the status to answer.</exception>
    public async Task<LookupResult> LookupAsync(byte[] upload, string? modelId, int top, CancellationToken ct)
    {
        if (top is < 1 or > MaxTop)
            throw new LookupRejectedException(StatusCodes.Status400BadRequest, "Invalid request", $"top must be between 1 and {MaxTop}.");
        var inspected = decoder.Inspect(upload);

        modelId ??= await catalog.GetDefaultModelIdAsync(ct)
            ?? throw new LookupRejectedException(StatusCodes.Status404NotFound, "Unknown model", "The catalog has no models.");
        var model = await catalog.GetModelAsync(modelId, ct) ?? throw UnknownModel(modelId);
        var (extractor, preprocessor) = extractors.Get(modelId, model.Layers.Select(l => l.LayerId).ToList()) ?? throw UnknownModel(modelId);

        using (await gate.EnterAsync(ct))
        {
            using var image = decoder.Decode(inspected);
            using var cropped = preprocessor.ResizeAndCrop(image);
            var input = new float[preprocessor.TensorLength];
            preprocessor.WriteTensor(cropped, input);
            using var batch = extractor.Run(input, 1);
            var layers = model.Layers.Select(layer => RankLayer(model.ModelId, layer, batch, top)).ToList();
            using var jpeg = new MemoryStream();
            await cropped.SaveAsJpegAsync(jpeg, ct);
            return new LookupResult(model.ModelId, model.DisplayName, inspected.Format.Name, inspected.Width, inspected.Height,
                layers, jpeg.ToArray());
        }
    }

    private static LookupLayer RankLayer(string modelId, LookupLayerData layer, ActivationBatch batch, int top)
    {
        var tensor = batch.Tensor(layer.TensorName);
        int plane = layer.Height * layer.Width;
        if (tensor.Length != layer.Channels * plane)
            throw new InvalidOperationException(
                $"Layer {layer.LayerId} gave {tensor.Length} values; the catalog says {layer.Channels}x{layer.Height}x{layer.Width}.");
        var means = new float[layer.Channels];
        for (int c = 0; c < layer.Channels; c++)
        {
            float sum = 0;
            foreach (float v in tensor.Slice(c * plane, plane)) sum += v;
            means[c] = sum / plane;
        }
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

    private static LookupRejectedException UnknownModel(string modelId) =>
        new(StatusCodes.Status404NotFound, "Unknown model", $"No model '{modelId}' in the catalog (see /api/models).");
}

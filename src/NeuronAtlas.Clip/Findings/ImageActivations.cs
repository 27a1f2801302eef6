using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// Per image, each unit's spatial mean in one conv layer (the catalog's activation, <see cref="SpatialMean"/>) and the
/// image embedding (the attention-pool output), in the order of the images asked for.
/// </summary>
public sealed record ImageActivations(IReadOnlyList<float[]> Layer, IReadOnlyList<float[]> Embedding)
{
    public static ImageActivations Compute(ModelManifest manifest, string layerId, InferenceOptions options, IImageSource source,
        IReadOnlyList<int> indices, IProgress<DatasetPassProgress>? progress = null, string stage = "activations", CancellationToken ct = default)
    {
        var layer = manifest.GetLayer(layerId);
        var embedding = manifest.Embedding ?? throw new InvalidOperationException($"Model '{manifest.Id}' has no image embedding.");
        using var extractor = ActivationExtractor.Create(manifest, options, [layerId]);
        var preprocessor = new ImagePreprocessor(manifest);
        var layerRows = new float[indices.Count][];
        var embeddingRows = new float[indices.Count][];
        var reader = BatchProducer.Start(0, indices.Count, 16, preprocessor.TensorLength, Math.Max(1, Environment.ProcessorCount - 1), (position, destination) =>
        {
            using var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(indices[position]));
            preprocessor.Preprocess(image, destination);
            return true;
        }, ct);
        int positions = layer.Height * layer.Width;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in reader.ReadAllAsync(ct).ToBlockingEnumerable(ct))
        {
            using var outputs = extractor.Run(batch.Tensor, batch.Count);
            var activations = outputs.Tensor(layer.Tensor);
            var embedded = outputs.Tensor(embedding.Tensor);
            for (int i = 0; i < batch.Count; i++)
            {
                layerRows[batch.FirstImage + i] = SpatialMean.PerChannel(activations, layer.Channels, positions, i);
                embeddingRows[batch.FirstImage + i] = embedded.Slice(i * embedding.Dimensions, embedding.Dimensions).ToArray();
            }
            int done = batch.FirstImage + batch.Count;
            double rate = done / Math.Max(1e-3, clock.Elapsed.TotalSeconds);
            progress?.Report(new DatasetPassProgress(stage, done, indices.Count, rate, TimeSpan.FromSeconds((indices.Count - done) / rate)));
        }
        return new ImageActivations(layerRows, embeddingRows);
    }
}

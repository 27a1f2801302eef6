using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Clip.Encoders;

/// <summary>
/// CLIP's image tower: image.onnx read at the manifest's <c>embedding</c> tensor. Preprocesses as the manifest says.
/// Thread-safe, like <see cref="ActivationExtractor"/>.
/// </summary>
public sealed class ClipImageEncoder : IDisposable
{
    private readonly ActivationExtractor _extractor;
    private readonly string _tensor;

    public ModelManifest Manifest { get; }
    public ImagePreprocessor Preprocessor { get; }
    public int Dimensions { get; }
    /// <summary>Images per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 8;

    private ClipImageEncoder(ModelManifest manifest, EmbeddingManifest embedding, ActivationExtractor extractor)
    {
        Manifest = manifest;
        _extractor = extractor;
        _tensor = embedding.Tensor;
        Dimensions = embedding.Dimensions;
        Preprocessor = new ImagePreprocessor(manifest);
    }

    public static ClipImageEncoder Load(ModelManifest manifest, InferenceOptions options, ILogger? logger = null)
    {
        var embedding = manifest.Embedding
            ?? throw new InvalidOperationException($"Model '{manifest.Id}' has no \"embedding\" tensor in its manifest.");
        return new ClipImageEncoder(manifest, embedding, ActivationExtractor.Create(manifest, options, layerIds: [], logger));
    }

    /// <summary>Raw embeddings of preprocessed images: <paramref name="input"/> holds count x 3 x H x W floats.</summary>
    public float[][] EmbedRaw(float[] input, int count)
    {
        using var batch = _extractor.Run(input, count);
        var data = batch.Tensor(_tensor);
        if (data.Length != count * Dimensions)
            throw new InvalidDataException($"'{_tensor}' holds {data.Length} values for {count} images; the manifest says {Dimensions} dimensions.");
        var rows = new float[count][];
        for (int i = 0; i < count; i++) rows[i] = data.Slice(i * Dimensions, Dimensions).ToArray();
        return rows;
    }

    /// <summary>Raw embeddings of images of any size: each is resized and centre-cropped first.</summary>
    public float[][] EmbedRaw(IReadOnlyList<Image<Rgb24>> images) => EmbedBatched(images, Preprocessor.Preprocess);

    /// <summary>Raw embeddings of images already at the model's input size (e.g. after <see cref="ImagePreprocessor.ResizeAndCrop"/>).</summary>
    public float[][] EmbedCroppedRaw(IReadOnlyList<Image<Rgb24>> images) => EmbedBatched(images, Preprocessor.WriteTensor);

    /// <summary>Unit-length embeddings of images of any size.</summary>
    public float[][] Embed(IReadOnlyList<Image<Rgb24>> images)
    {
        var rows = EmbedRaw(images);
        foreach (var row in rows) EmbeddingVectors.Normalize(row);
        return rows;
    }

    public float[] Embed(Image<Rgb24> image) => Embed([image])[0];

    private delegate void TensorWriter(Image<Rgb24> image, Span<float> destination);

    private float[][] EmbedBatched(IReadOnlyList<Image<Rgb24>> images, TensorWriter write)
    {
        var result = new List<float[]>(images.Count);
        int length = Preprocessor.TensorLength;
        for (int start = 0; start < images.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, images.Count - start);
            var input = new float[count * length];
            Parallel.For(0, count, i => write(images[start + i], input.AsSpan(i * length, length)));
            result.AddRange(EmbedRaw(input, count));
        }
        return [.. result];
    }

    public void Dispose() => _extractor.Dispose();
}

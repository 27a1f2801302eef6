using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Encoders;

namespace NeuronAtlas.Clip.ZeroShot;

/// <summary>
/// CLIP zero-shot classification. Each label's text embedding is the normalized mean of the unit-length embeddings of
/// its prompts (every template filled with the label); an image's probabilities are
/// softmax_l(LogitScale x cosine(image embedding, label embedding l)). Thread-safe once built.
/// </summary>
public sealed class ZeroShotClassifier
{
    private readonly ClipModel _model;
    private readonly float[][] _labelEmbeddings;

    public LabelSet Labels { get; }
    public PromptTemplates Templates { get; }
    public float LogitScale => _model.LogitScale;

    /// <summary>Embeds every prompt of every label: labels x templates text-encoder rows, so build once per label set.</summary>
    public ZeroShotClassifier(ClipModel model, LabelSet labels, PromptTemplates? templates = null)
        : this(model, labels, templates ?? PromptTemplates.Default, EmbedLabels(model, labels, templates ?? PromptTemplates.Default))
    {
    }

    private ZeroShotClassifier(ClipModel model, LabelSet labels, PromptTemplates templates, float[][] labelEmbeddings)
    {
        _model = model;
        Labels = labels;
        Templates = templates;
        _labelEmbeddings = labelEmbeddings;
    }

    /// <summary>
    /// Like the constructor, but keeps the label embeddings in <paramref name="cacheDirectory"/>, keyed by the model's
    /// manifest and text.onnx, the labels and the templates. The default set's 3,410 prompts take minutes on a CPU
    /// for RN50x4's text tower; a cached set loads at once.
    /// </summary>
    public static ZeroShotClassifier Create(ClipModel model, LabelSet labels, PromptTemplates? templates, string cacheDirectory)
    {
        templates ??= PromptTemplates.Default;
        var path = Path.Combine(cacheDirectory, $"{model.Manifest.Id}-{CacheKey(model, labels, templates)}.f32");
        int d = model.Text.Dimensions;
        if (File.Exists(path) && new FileInfo(path).Length == (long)labels.Labels.Count * d * sizeof(float))
        {
            var data = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
            return new ZeroShotClassifier(model, labels, templates, Enumerable.Range(0, labels.Labels.Count).Select(l => data[(l * d)..((l + 1) * d)]).ToArray());
        }
        var embeddings = EmbedLabels(model, labels, templates);
        Directory.CreateDirectory(cacheDirectory);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temporary, MemoryMarshal.AsBytes(embeddings.SelectMany(e => e).ToArray().AsSpan()).ToArray());
        File.Move(temporary, path, overwrite: true);
        return new ZeroShotClassifier(model, labels, templates, embeddings);
    }

    private static float[][] EmbedLabels(ClipModel model, LabelSet labels, PromptTemplates templates)
    {
        int perLabel = templates.Templates.Count;
        var embedded = model.Text.Embed(labels.Labels.SelectMany(templates.Fill).ToList());
        return Enumerable.Range(0, labels.Labels.Count)
            .Select(l => EmbeddingVectors.NormalizedMean(embedded.Skip(l * perLabel).Take(perLabel).ToList()))
            .ToArray();
    }

    private static string CacheKey(ClipModel model, LabelSet labels, PromptTemplates templates)
    {
        var textOnnx = new FileInfo(ModelManifestLoader.ResolveFile(model.Manifest, model.Manifest.TextEncoder!.Onnx));
        var key = new StringBuilder(model.Manifest.ToJson())
            .Append('\n').Append(textOnnx.Length).Append('|').Append(textOnnx.LastWriteTimeUtc.Ticks)
            .Append('\n').AppendJoin('\n', labels.Labels).Append("\n--\n").AppendJoin('\n', templates.Templates);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
    }

    /// <summary>The label's ensembled, unit-length text embedding.</summary>
    public ReadOnlySpan<float> LabelEmbedding(int index) => _labelEmbeddings[index];

    /// <summary>Probabilities of every label, in label-set order; they sum to 1. The embedding need not be normalized.</summary>
    public float[] Probabilities(ReadOnlySpan<float> imageEmbedding) => Softmax(Cosines(imageEmbedding));

    /// <summary>The <paramref name="topK"/> most probable labels, most probable first (ties keep label order).</summary>
    public IReadOnlyList<ZeroShotPrediction> Classify(ReadOnlySpan<float> imageEmbedding, int topK = 5)
    {
        var cosines = Cosines(imageEmbedding);
        var probabilities = Softmax(cosines);
        return Enumerable.Range(0, probabilities.Length)
            .OrderByDescending(i => probabilities[i]).ThenBy(i => i)
            .Take(Math.Max(1, topK))
            .Select(i => new ZeroShotPrediction(Labels.Labels[i], i, probabilities[i], cosines[i]))
            .ToList();
    }

    /// <summary>Embeds the image with the model's image encoder, then classifies it.</summary>
    public IReadOnlyList<ZeroShotPrediction> Classify(SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24> image, int topK = 5) =>
        Classify(_model.Image.Embed(image), topK);

    /// <summary>The most probable label's index.</summary>
    public int Predict(ReadOnlySpan<float> imageEmbedding)
    {
        var cosines = Cosines(imageEmbedding);
        int best = 0;
        for (int i = 1; i < cosines.Length; i++) if (cosines[i] > cosines[best]) best = i;
        return best;
    }

    private float[] Cosines(ReadOnlySpan<float> imageEmbedding)
    {
        var unit = EmbeddingVectors.Normalized(imageEmbedding);
        var cosines = new float[_labelEmbeddings.Length];
        for (int i = 0; i < cosines.Length; i++) cosines[i] = EmbeddingVectors.Dot(unit, _labelEmbeddings[i]);
        return cosines;
    }

    private float[] Softmax(float[] cosines)
    {
        // In double, shifted by the maximum, so that large logit scales cannot overflow.
        double max = cosines.Max() * (double)LogitScale;
        var exp = cosines.Select(c => Math.Exp(c * (double)LogitScale - max)).ToArray();
        double sum = exp.Sum();
        return exp.Select(e => (float)(e / sum)).ToArray();
    }
}

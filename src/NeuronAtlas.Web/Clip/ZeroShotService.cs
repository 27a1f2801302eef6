using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// Zero-shot labels of image embeddings for CLIP models: the configured shipped label set (its text embeddings cached
/// on disk), or a list the visitor typed (its classifier kept in memory for a while, since building one runs the text
/// encoder labels × templates times).
/// </summary>
public sealed class ZeroShotService(
    ClipModelPool models,
    IOptions<ZeroShotOptions> options,
    IOptions<AtlasOptions> atlas,
    IHostEnvironment environment,
    IMemoryCache cache,
    ILogger<ZeroShotService> logger)
{
    private static readonly TimeSpan CustomClassifierLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, RetryingLazy<ZeroShotClassifier>> _defaults = new();
    private readonly RetryingLazy<PromptTemplates> _templates = new(() =>
        options.Value.PromptTemplates.Length == 0 ? PromptTemplates.Default : new PromptTemplates(options.Value.PromptTemplates));

    public PromptTemplates Templates => _templates.Value;

    /// <summary>
    /// The <see cref="ZeroShotOptions.Top"/> most probable labels for an image embedding of <paramref name="model"/>.
    /// </summary>
    /// <param name="customLabels">Labels separated by new lines, commas or semicolons; null or blank uses the default set.</param>
    /// <exception cref="RequestRejectedException">400 for an unusable label list.</exception>
    public ZeroShotLabels Classify(ClipModel model, ReadOnlySpan<float> imageEmbedding, string? customLabels) =>
        Classify(Classifier(model, customLabels), imageEmbedding);

    /// <summary>The <see cref="ZeroShotOptions.Top"/> most probable labels of a classifier from <see cref="Classifier"/>.</summary>
    public ZeroShotLabels Classify(ZeroShotClassifier classifier, ReadOnlySpan<float> imageEmbedding)
    {
        var top = classifier.Classify(imageEmbedding, options.Value.Top)
            .Select(p => new ZeroShotLabel(p.Label, p.Probability, p.Cosine)).ToList();
        return new ZeroShotLabels(classifier.Labels.Name, classifier.Labels.Labels.Count, classifier.LogitScale, classifier.Templates.Templates.Count, top);
    }

    /// <summary>The CLIP encoders of a model; null when it is not a CLIP model.</summary>
    public ClipModel? Model(string modelId) => models.Get(modelId);

    /// <summary>Checks a typed label list without building anything; throws a 400 rejection naming the problem.</summary>
    public LabelSet ParseCustomLabels(string text)
    {
        var limits = options.Value;
        if (text.Length > limits.MaxCustomLabelsLength)
            throw RequestRejectedException.Invalid($"The label list is {text.Length} characters long; the limit is {limits.MaxCustomLabelsLength}.");
        LabelSet labels;
        try
        {
            labels = LabelSet.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw RequestRejectedException.Invalid($"{e.Message} Separate labels with new lines or commas.");
        }
        if (labels.Labels.Count > limits.MaxCustomLabels)
            throw RequestRejectedException.Invalid($"The list has {labels.Labels.Count} labels; the limit is {limits.MaxCustomLabels}.");
        return labels;
    }

    /// <summary>The classifier of the default label set, or of a typed list (null or blank for the default).</summary>
    /// <exception cref="RequestRejectedException">400 for an unusable label list.</exception>
    public ZeroShotClassifier Classifier(ClipModel model, string? customLabels)
    {
        if (string.IsNullOrWhiteSpace(customLabels)) return DefaultClassifier(model);
        var labels = ParseCustomLabels(customLabels);
        var key = "zero-shot/" + model.Manifest.Id + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', labels.Labels))));
        return cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = CustomClassifierLifetime;
            using (models.Use(model)) return new ZeroShotClassifier(model, labels, Templates);
        })!;
    }

    private ZeroShotClassifier DefaultClassifier(ClipModel model) =>
        _defaults.GetOrAdd(model.Manifest.Id, _ => new RetryingLazy<ZeroShotClassifier>(() =>
        {
            var root = environment.ContentRootPath;
            var labels = LabelSet.FromFile(Path.Combine(atlas.Value.LabelsFullPath(root), options.Value.LabelSet + ".txt"));
            logger.LogInformation("Preparing zero-shot labels '{LabelSet}' ({Count} labels × {Templates} templates) for {Model}.",
                labels.Name, labels.Labels.Count, Templates.Templates.Count, model.Manifest.Id);
            using (models.Use(model)) return ZeroShotClassifier.Create(model, labels, Templates, options.Value.CacheFullPath(atlas.Value.DataRootFullPath(root)));
        })).Value;
}

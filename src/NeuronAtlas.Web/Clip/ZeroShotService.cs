using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Clip;

/// <summary>
/// Zero-shot labels of image embeddings for CLIP models: the configured shipped label set (its text embeddings cached
/// on disk), or a list the visitor typed (its classifier kept in memory for a while, since building one runs the text
/// encoder labels × templates times). Typed lists are encoded through the <see cref="TextEncodingGate"/>, and their
/// classifiers share a cache bounded by <see cref="ZeroShotOptions.CustomClassifierCacheLabels"/> labels.
/// </summary>
public sealed class ZeroShotService(
    ClipModelPool models,
    IOptions<ZeroShotOptions> options,
    IOptions<AtlasOptions> atlas,
    IHostEnvironment environment,
    TextEncodingGate textGate,
    ILogger<ZeroShotService> logger) : IDisposable
{
    private static readonly TimeSpan CustomClassifierLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, RetryingLazy<ZeroShotClassifier>> _defaults = new();
    private readonly MemoryCache _custom = new(new MemoryCacheOptions { SizeLimit = options.Value.CustomClassifierCacheLabels, TrackStatistics = true });
    private readonly RetryingLazy<PromptTemplates> _templates = new(() =>
        options.Value.PromptTemplates.Length == 0 ? PromptTemplates.Default : new PromptTemplates(options.Value.PromptTemplates));

    public PromptTemplates Templates => _templates.Value;

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

    /// <summary>
    /// The classifier of the default label set, or of a typed list (null or blank for the default). A typed list not in
    /// the cache is encoded through the text-encoding gate, never in an image-inference slot.
    /// </summary>
    /// <exception cref="RequestRejectedException">400 for an unusable label list, 503 when the text encoder is busy.</exception>
    public async Task<ZeroShotClassifier> ClassifierAsync(ClipModel model, string? customLabels, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customLabels)) return DefaultClassifier(model);
        var labels = ParseCustomLabels(customLabels);
        var key = model.Manifest.Id + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', labels.Labels))));
        if (_custom.TryGetValue(key, out ZeroShotClassifier? cached)) return cached!;
        var classifier = await textGate.RunAsync(() =>
        {
            using (models.Use(model)) return new ZeroShotClassifier(model, labels, TemplatesFor(model));
        }, ct);
        // A list longer than the whole cache is used once and not kept.
        _custom.Set(key, classifier, new MemoryCacheEntryOptions { Size = labels.Labels.Count, SlidingExpiration = CustomClassifierLifetime });
        return classifier;
    }

    /// <summary>Typed label lists whose classifiers are cached now, and their labels together (at most the configured limit).</summary>
    public (int Lists, long Labels) CustomCacheUse => (_custom.Count, _custom.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0);

    /// <summary>
    /// The classifier of the default label set (prepared once per model, its embeddings cached on disk): the shipped set,
    /// or, for a model trained on its own concepts and captions (the demo CLIP), the <see cref="OwnConceptsFile"/> and
    /// <see cref="OwnPromptsFile"/> beside its manifest.
    /// </summary>
    public ZeroShotClassifier DefaultClassifier(ClipModel model) =>
        _defaults.GetOrAdd(model.Manifest.Id, _ => new RetryingLazy<ZeroShotClassifier>(() =>
        {
            var root = environment.ContentRootPath;
            var own = Path.Combine(model.Manifest.BaseDirectory, OwnConceptsFile);
            var labels = LabelSet.FromFile(File.Exists(own) ? own : Path.Combine(atlas.Value.LabelsFullPath(root), options.Value.LabelSet + ".txt"));
            var templates = TemplatesFor(model);
            logger.LogInformation("Preparing zero-shot labels '{LabelSet}' ({Count} labels × {Templates} templates) for {Model}.",
                labels.Name, labels.Labels.Count, templates.Templates.Count, model.Manifest.Id);
            using (models.Use(model)) return ZeroShotClassifier.Create(model, labels, templates, options.Value.CacheFullPath(atlas.Value.DataRootFullPath(root)));
        })).Value;

    public const string OwnConceptsFile = "concepts.txt", OwnPromptsFile = "prompts.txt";

    /// <summary>The model's own caption templates when it ships them (it was trained on them), else the configured ones.</summary>
    public PromptTemplates TemplatesFor(ClipModel model)
    {
        var own = Path.Combine(model.Manifest.BaseDirectory, OwnPromptsFile);
        return File.Exists(own) ? PromptTemplates.FromFile(own) : Templates;
    }

    public void Dispose() => _custom.Dispose();
}

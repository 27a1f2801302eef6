using Microsoft.Extensions.Logging;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.Clip.TextVis.Storage;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.Catalog;

/// <summary>
/// The default atlas a fresh clone serves: the demo CLIP trained by tools/demo_clip (its pictures and rendered words,
/// text feature visualization and labels), then ResNet18 over the emoji pictures; each with its notes (data/notes) and
/// shipped feature visualizations (data/featurevis) and, when its folder has them, its findings (findings.json).
/// </summary>
public static class EmbeddedCatalog
{
    public const string DemoClipId = "demo-clip";
    public const string ResNet18Id = "resnet18";

    /// <summary>In home-page order: the demo CLIP leads.</summary>
    public static readonly IReadOnlyList<EmbeddedModel> Models =
    [
        // The article's layer (the last block) and the embedding: the layers the findings are about.
        new(DemoClipId, "emoji+emoji-words", TextVisLayers: ["image_block_4_2", "image_attnpool"]),
        new(ResNet18Id, "emoji", TextVisLayers: []),
    ];

    /// <summary>The shipped, precomputed feature visualizations of an embedded model.</summary>
    public static string FeatureVisArchivePath(string repoRoot, string modelId) => Path.Combine(repoRoot, "data", "featurevis", modelId + ".zip");

    /// <summary>The shipped per-phrase rows of an embedded model's text feature visualization (<see cref="TextVisArchive"/>).</summary>
    public static string TextVisArchivePath(string repoRoot, string modelId) => Path.Combine(repoRoot, "data", "text-vis", modelId + ".zip");

    /// <param name="modelBuilt">Called after each model with the ids of those still to build (see the web app's first start).</param>
    public static async Task BuildAsync(string repoRoot, string catalogPath, IProgress<DatasetPassProgress>? progress, ILogger logger,
        CancellationToken ct, InferenceOptions? inference = null, int? maxImages = null, Action<IReadOnlyList<string>>? modelBuilt = null)
    {
        inference ??= new InferenceOptions();
        for (int i = 0; i < Models.Count; i++)
        {
            await BuildModelAsync(Models[i], repoRoot, catalogPath, progress, logger, ct, inference, maxImages);
            modelBuilt?.Invoke(Models.Skip(i + 1).Select(m => m.ModelId).ToList());
        }
    }

    /// <summary>What a first start's text-vis of <paramref name="model"/> runs with, the shipped archive included.</summary>
    public static TextVisOptions TextVisOptionsFor(EmbeddedModel model, ModelManifest manifest, string repoRoot, string catalogPath, InferenceOptions inference) => new()
    {
        Model = manifest, CatalogPath = catalogPath, Inference = inference, Layers = model.TextVisLayers,
        Phrases = TextVisVocabulary.FromFile(TextVisVocabulary.ShippedPath(repoRoot)).Phrases,
        FontsDirectory = Path.Combine(repoRoot, "data", "fonts"),
        Archive = TextVisArchivePath(repoRoot, model.ModelId),
    };

    private static async Task BuildModelAsync(EmbeddedModel model, string repoRoot, string catalogPath, IProgress<DatasetPassProgress>? progress,
        ILogger logger, CancellationToken ct, InferenceOptions inference, int? maxImages)
    {
        var manifest = ModelManifestLoader.Load(Path.Combine(repoRoot, "data", "models", model.ModelId, "manifest.json"));
        using (var source = ImageSources.Open(model.Dataset, repoRoot))
        {
            var options = new DatasetPassOptions { Model = manifest, CatalogPath = catalogPath, Inference = inference, ImageCount = maxImages };
            var result = await new DatasetPass(options, logger).RunAsync(source, progress, ct);
            logger.LogInformation("Dataset pass of {Model} over {Images} images took {Seconds:F0} s ({Rate:F1} images/s).",
                model.ModelId, result.Images, result.Elapsed.TotalSeconds, result.ImagesPerSecond);
        }
        if (model.TextVisLayers.Count > 0)
        {
            var textVis = TextVisOptionsFor(model, manifest, repoRoot, catalogPath, inference);
            var result = await new TextVisPass(textVis, logger).RunAsync(progress, ct);
            logger.LogInformation("Text feature visualization of {Model}: {Phrases} phrases in {Seconds:F0} s, {Labelled} neurons labelled.",
                model.ModelId, result.Phrases, result.Elapsed.TotalSeconds, result.LabelledNeurons);
        }
        using var db = CatalogDatabase.OpenForWriting(catalogPath);
        int notes = new NotesImporter(db).Import(Path.Combine(repoRoot, "data", "notes"), model.ModelId);
        logger.LogInformation("Imported {Notes} notes for {Model}.", notes, model.ModelId);
        var featureVis = FeatureVisArchivePath(repoRoot, model.ModelId);
        if (File.Exists(featureVis))
            logger.LogInformation("Imported {Count} feature visualizations from {Archive}.", FeatureVisArchive.Import(db, model.ModelId, featureVis), featureVis);
        var findings = Path.Combine(manifest.BaseDirectory, Findings.FindingsStore.FileName);
        if (File.Exists(findings))
        {
            Findings.FindingsStore.Import(db, model.ModelId, findings);
            logger.LogInformation("Imported the findings of {Model} from {File}.", model.ModelId, findings);
        }
    }
}

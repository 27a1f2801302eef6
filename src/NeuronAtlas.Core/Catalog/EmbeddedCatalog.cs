using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Catalog;

/// <summary>The default atlas a fresh clone serves: ResNet18 over the shipped emoji dataset, plus the notes in data/notes.</summary>
public static class EmbeddedCatalog
{
    public const string ModelId = "resnet18";
    public const string DatasetName = "emoji";

    /// <summary>The shipped, precomputed feature visualizations of the embedded model.</summary>
    public static string FeatureVisArchivePath(string repoRoot) => Path.Combine(repoRoot, "data", "featurevis", ModelId + ".zip");

    public static async Task BuildAsync(string repoRoot, string catalogPath, IProgress<DatasetPassProgress>? progress, ILogger logger,
        CancellationToken ct, InferenceOptions? inference = null, int? maxImages = null)
    {
        var manifest = ModelManifestLoader.Load(Path.Combine(repoRoot, "data", "models", ModelId, "manifest.json"));
        using var source = ImageSources.Open(DatasetName, repoRoot);
        var options = new DatasetPassOptions
        {
            Model = manifest, CatalogPath = catalogPath, Inference = inference ?? new InferenceOptions(), ImageCount = maxImages,
        };
        var result = await new DatasetPass(options, logger).RunAsync(source, progress, ct);
        logger.LogInformation("Dataset pass of {Model} over {Images} images took {Seconds:F0} s ({Rate:F1} images/s).",
            ModelId, result.Images, result.Elapsed.TotalSeconds, result.ImagesPerSecond);
        using var db = CatalogDatabase.OpenForWriting(catalogPath);
        int notes = new NotesImporter(db).Import(Path.Combine(repoRoot, "data", "notes"), ModelId);
        logger.LogInformation("Imported {Notes} notes.", notes);
        var featureVis = FeatureVisArchivePath(repoRoot);
        if (File.Exists(featureVis))
            logger.LogInformation("Imported {Count} feature visualizations from {Archive}.", FeatureVisArchive.Import(db, ModelId, featureVis), featureVis);
    }
}

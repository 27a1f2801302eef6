using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Clip.Catalog;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Builds the default catalog (<see cref="EmbeddedCatalog"/>: the demo CLIP, then ResNet18) on the configured execution provider.</summary>
public sealed class EmbeddedCatalogBuilder(
    IHostEnvironment environment,
    IOptions<AtlasOptions> atlas,
    IOptions<InferenceOptions> inference,
    ILogger<EmbeddedCatalogBuilder> logger) : ICatalogBuilder
{
    public Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, Action<IReadOnlyList<string>> modelBuilt, CancellationToken ct) =>
        EmbeddedCatalog.BuildAsync(atlas.Value.DataRootFullPath(environment.ContentRootPath), catalogPath, progress, logger, ct, inference.Value,
            modelBuilt: modelBuilt);
}

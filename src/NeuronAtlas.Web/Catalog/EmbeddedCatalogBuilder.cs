using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Builds the default catalog: the embedded ResNet18 over the shipped emoji dataset.</summary>
public sealed class EmbeddedCatalogBuilder(IHostEnvironment environment, ILogger<EmbeddedCatalogBuilder> logger) : ICatalogBuilder
{
    public Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, CancellationToken ct) =>
        EmbeddedCatalog.BuildAsync(environment.ContentRootPath, catalogPath, progress, logger, ct);
}

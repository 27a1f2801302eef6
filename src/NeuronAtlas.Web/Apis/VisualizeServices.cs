using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Apis;

/// <summary>What the visualize endpoints use, bound with [AsParameters].</summary>
public sealed class VisualizeServices(VisualizeService visualize, LookupCatalogReader catalog, IOptions<VisualizeOptions> limits)
{
    public VisualizeService Visualize { get; } = visualize;
    public LookupCatalogReader Catalog { get; } = catalog;
    public IOptions<VisualizeOptions> Limits { get; } = limits;
}

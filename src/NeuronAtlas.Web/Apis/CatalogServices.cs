using NeuronAtlas.Web.Catalog;

namespace NeuronAtlas.Web.Apis;

/// <summary>What the catalog endpoints read from, bound with [AsParameters].</summary>
public sealed class CatalogServices(CatalogReader catalog, NeuronReader neurons)
{
    public CatalogReader Catalog { get; } = catalog;
    public NeuronReader Neurons { get; } = neurons;
}

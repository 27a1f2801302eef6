using NeuronAtlas.Web.Catalog;

namespace NeuronAtlas.Web.Apis;

/// <summary>What the image endpoints read from, bound with [AsParameters].</summary>
public sealed class ImageServices(ImageReader images, CatalogState state)
{
    public ImageReader Images { get; } = images;
    public CatalogState State { get; } = state;
}

using NeuronAtlas.Web.Routing;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// One live feature visualization: everything that determines the image, so equal requests give equal images and the
/// request itself is the shareable URL (<see cref="Url"/>).
/// </summary>
/// <param name="Objective">An objective expression (layer4:12 + layer4:40 - 0.5*layer3:7) or, for CLIP models, text:"a spider".</param>
/// <param name="Size">The side of the square image in pixels.</param>
public sealed record VisualizeRequest(string ModelId, string Objective, int Seed, int Steps, int Size)
{
    /// <summary>The /visualize page that re-renders this request.</summary>
    public string Url => AtlasUrls.Visualize(ModelId, Objective, Seed, Steps, Size);
}

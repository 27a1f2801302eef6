using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Web.Rendering;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Reads dataset thumbnails and feature visualizations by content hash, and renders example heatmaps.</summary>
public sealed class ImageReader(CatalogState state)
{
    /// <summary>Heatmaps of examples without a known thumbnail size are drawn at this size.</summary>
    private const int DefaultHeatmapSize = 128;

    public async Task<StoredImage?> GetThumbnailAsync(string hash, CancellationToken ct)
    {
        await using var db = state.OpenContext();
        var image = await db.Images.Where(i => i.Hash == hash)
            .Select(i => new { i.Thumbnail, i.ThumbnailContentType }).FirstOrDefaultAsync(ct);
        return image is null ? null : new StoredImage(image.Thumbnail, image.ThumbnailContentType);
    }

    public async Task<StoredImage?> GetFeatureVisualizationAsync(string hash, CancellationToken ct)
    {
        await using var db = state.OpenContext();
        var png = await db.FeatureVisualizations.Where(v => v.Hash == hash).Select(v => v.Png).FirstOrDefaultAsync(ct);
        return png is null ? null : new StoredImage(png, "image/png");
    }

    /// <summary>
    /// The example's spatial map as a transparent PNG the size of its thumbnail. Colours are scaled to the largest
    /// map value among the neuron's examples, so heatmaps of one neuron compare with each other.
    /// </summary>
    public async Task<StoredImage?> GetHeatmapAsync(string modelId, string layerId, int index, int rank, CancellationToken ct)
    {
        await using var db = state.OpenContext();
        var layer = await db.Layers.Where(l => l.ModelId == modelId && l.LayerId == layerId)
            .Select(l => new { l.Id, l.Width, l.Height }).FirstOrDefaultAsync(ct);
        if (layer is null) return null;
        var examples = db.Examples.Where(e => e.Neuron!.LayerId == layer.Id && e.Neuron.Index == index);
        var example = await examples.Where(e => e.Rank == rank)
            .Select(e => new { e.SpatialMap, e.MapMax, e.Image!.ThumbnailWidth, e.Image.ThumbnailHeight })
            .FirstOrDefaultAsync(ct);
        if (example is null) return null;
        if (example.SpatialMap.Length != layer.Width * layer.Height)
            throw new InvalidDataException(
                $"Example {rank} of {modelId}/{layerId}/{index} has a {example.SpatialMap.Length}-value map; the layer is {layer.Width}x{layer.Height}.");
        float neuronMapMax = await examples.MaxAsync(e => e.MapMax, ct);

        var values = SpatialMapQuantizer.Dequantize(example.SpatialMap, example.MapMax);
        int width = example.ThumbnailWidth > 0 ? example.ThumbnailWidth : DefaultHeatmapSize;
        int height = example.ThumbnailHeight > 0 ? example.ThumbnailHeight : DefaultHeatmapSize;
        var png = HeatmapRenderer.RenderPng(values, layer.Width, layer.Height, neuronMapMax, width, height);
        return new StoredImage(png, "image/png");
    }
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Routing;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Reads models, layers and layer pages from the catalog, cached in memory per catalog version.
/// </summary>
public sealed class CatalogReader(CatalogState state, CatalogCache cache)
{
    public const int DefaultPageSize = 128;
    public const int MaxPageSize = 512;

    public Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken ct) =>
        cache.GetOrLoadAsync<IReadOnlyList<ModelSummary>>("models", async () =>
        {
            await using var db = state.OpenContext();
            var rows = await db.Models.OrderBy(m => m.DisplayName)
                .Select(m => new { Model = m, Layers = m.Layers.Count, Neurons = m.Layers.Sum(l => l.Channels) })
                .ToListAsync(ct);
            return rows.Select(r => Summarize(r.Model, r.Layers, r.Neurons)).ToList();
        })!;

    public Task<ModelDetail?> GetModelAsync(string modelId, CancellationToken ct) =>
        cache.GetOrLoadAsync($"model/{modelId}", async () =>
        {
            await using var db = state.OpenContext();
            var model = await db.Models.Include(m => m.Layers).FirstOrDefaultAsync(m => m.Id == modelId, ct);
            if (model is null) return null;
            var layers = model.Layers.OrderBy(l => l.Order).Select(l => Summarize(model.Id, l)).ToList();
            return new ModelDetail(Summarize(model, layers.Count, layers.Sum(l => l.Channels)), layers);
        });

    /// <summary>One page of the layer's neurons by index; null when the model, layer or page does not exist.</summary>
    public Task<LayerNeuronPage?> GetLayerPageAsync(string modelId, string layerId, int page, int pageSize, CancellationToken ct) =>
        cache.GetOrLoadAsync($"layer/{modelId}/{layerId}/{page}/{pageSize}", async () =>
        {
            if (page < 1 || pageSize < 1 || pageSize > MaxPageSize) return null;
            await using var db = state.OpenContext();
            var layer = await db.Layers.Include(l => l.Model)
                .FirstOrDefaultAsync(l => l.ModelId == modelId && l.LayerId == layerId, ct);
            if (layer is null) return null;
            int count = await db.Neurons.CountAsync(n => n.LayerId == layer.Id, ct);
            int pageCount = Math.Max(1, (count + pageSize - 1) / pageSize);
            if (page > pageCount) return null;
            var rows = await db.Neurons.Where(n => n.LayerId == layer.Id).OrderBy(n => n.Index)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(n => new
                {
                    n.Index, n.Label, n.Max, n.TopImageHash,
                    Flagged = db.Images.Where(i => i.Hash == n.TopImageHash).Select(i => i.Flagged).FirstOrDefault(),
                    VisHash = db.FeatureVisualizations.Where(v => v.NeuronId == n.Id && v.Facet == -1).Select(v => v.Hash).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var neurons = rows.Select(n => new NeuronSummary(
                n.Index, n.Label, n.Max,
                AtlasUrls.Neuron(modelId, layerId, n.Index), AtlasUrls.NeuronApi(modelId, layerId, n.Index),
                n.TopImageHash is null ? null : AtlasUrls.Image(n.TopImageHash), n.Flagged,
                n.VisHash is null ? null : AtlasUrls.FeatureVisualization(n.VisHash))).ToList();
            return new LayerNeuronPage(modelId, layer.Model!.DisplayName, Summarize(modelId, layer), page, pageSize, pageCount, count, neurons);
        });

    internal static LayerSummary Summarize(string modelId, AtlasLayer l) =>
        new(l.LayerId, l.DisplayName, l.Description, l.Channels, l.Height, l.Width,
            AtlasUrls.Layer(modelId, l.LayerId), AtlasUrls.LayerApi(modelId, l.LayerId));

    private static ModelSummary Summarize(AtlasModel m, int layerCount, int neuronCount) =>
        new(m.Id, m.DisplayName, m.Description, m.Licence, m.Source, m.DatasetName, m.DatasetImageCount, m.ComputedAt,
            layerCount, neuronCount, AtlasUrls.Model(m.Id), AtlasUrls.ModelApi(m.Id));
}

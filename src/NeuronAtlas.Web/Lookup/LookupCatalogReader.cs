using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Lookup;

/// <summary>Loads, once per catalog version, every neuron's dataset maximum, label and top example for a model.</summary>
public sealed class LookupCatalogReader(CatalogState state, CatalogCache cache)
{
    /// <summary>The first model of the catalog by display name: the lookup's default.</summary>
    public async Task<string?> GetDefaultModelIdAsync(CancellationToken ct)
    {
        await using var db = state.OpenContext();
        return await db.Models.OrderBy(m => m.DisplayName).Select(m => m.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The catalog model a request names, the default one when null.</summary>
    /// <exception cref="RequestRejectedException">404 when the catalog has no such model, or no models.</exception>
    public async Task<LookupModelData> ResolveAsync(string? modelId, CancellationToken ct)
    {
        modelId ??= await GetDefaultModelIdAsync(ct) ?? throw RequestRejectedException.UnknownModel("The catalog has no models.");
        return await GetModelAsync(modelId, ct) ?? throw UnknownModel(modelId);
    }

    public static RequestRejectedException UnknownModel(string modelId) =>
        RequestRejectedException.UnknownModel($"No model '{modelId}' in the catalog (see /api/models).");

    public Task<LookupModelData?> GetModelAsync(string modelId, CancellationToken ct) =>
        cache.GetOrLoadAsync($"lookup/{modelId}", async () =>
        {
            await using var db = state.OpenContext();
            var model = await db.Models.Include(m => m.Layers).FirstOrDefaultAsync(m => m.Id == modelId, ct);
            if (model is null) return null;
            var layers = new List<LookupLayerData>();
            foreach (var layer in model.Layers.OrderBy(l => l.Order))
            {
                var data = new LookupLayerData(layer.LayerId, layer.DisplayName, layer.TensorName, layer.Channels, layer.Height, layer.Width,
                    new float[layer.Channels], new string?[layer.Channels], new string?[layer.Channels], new bool[layer.Channels]);
                var neurons = await db.Neurons.Where(n => n.LayerId == layer.Id)
                    .Select(n => new
                    {
                        n.Index, n.Max, n.Label, n.TopImageHash,
                        Flagged = db.Images.Where(i => i.Hash == n.TopImageHash).Select(i => i.Flagged).FirstOrDefault(),
                    })
                    .ToListAsync(ct);
                foreach (var n in neurons.Where(n => n.Index >= 0 && n.Index < layer.Channels))
                {
                    data.DatasetMax[n.Index] = n.Max;
                    data.Labels[n.Index] = n.Label;
                    data.TopImageHashes[n.Index] = n.TopImageHash;
                    data.TopImageFlagged[n.Index] = n.Flagged;
                }
                layers.Add(data);
            }
            return new LookupModelData(model.Id, model.DisplayName, layers);
        });
}

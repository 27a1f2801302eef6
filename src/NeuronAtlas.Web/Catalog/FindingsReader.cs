using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Clip.Findings;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Reads a model's findings report (precompute findings) from the catalog, cached per catalog version.</summary>
public sealed class FindingsReader(CatalogState state, CatalogCache cache)
{
    /// <summary>The model's findings; null when none were computed for it.</summary>
    public Task<FindingsReport?> GetAsync(string modelId, CancellationToken ct) =>
        cache.GetOrLoadAsync($"findings/{modelId}", async () =>
        {
            await using var db = state.OpenContext();
            var json = await db.Findings.Where(f => f.ModelId == modelId).Select(f => f.Json).FirstOrDefaultAsync(ct);
            return json is null ? null : FindingsReport.FromJson(json);
        });
}

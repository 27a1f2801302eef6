using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Tests.Sharding;

/// <summary>Every stored feature visualization of a catalog, flattened so two catalogs can be compared for equality.</summary>
public static class FeatureVisSnapshot
{
    public static List<string> Of(string catalogPath)
    {
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalogPath));
        return db.FeatureVisualizations.Include(v => v.Neuron!).ThenInclude(n => n.Layer).ToList()
            .Select(v => $"{v.Neuron!.Layer!.LayerId}/{v.Neuron.Index} facet {v.Facet} {v.Hash} {v.Activation:R} steps={v.Steps} size={v.Size} seed={v.Seed} png={v.Png.Length}")
            .Order().ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Clip.Tests.TextVis;

/// <summary>What a text-vis run leaves in a catalog (top phrases, scores, labels), flattened for comparing two catalogs.</summary>
public static class TextVisSnapshot
{
    public static List<string> Of(string catalog)
    {
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        return db.TextExamples.Include(t => t.Neuron).OrderBy(t => t.Neuron!.Index).ThenBy(t => t.Rank).ToList()
            .Select(t => $"{t.Neuron!.Index}/{t.Rank} {t.Text} {t.Score:R}")
            .Concat(db.Neurons.OrderBy(n => n.Index).ToList().Select(n => $"{n.Index} {n.Label} {n.LabelConfidence:R} {n.LabelSource}"))
            .ToList();
    }
}

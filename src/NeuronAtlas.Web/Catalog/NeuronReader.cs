using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Rendering;
using NeuronAtlas.Web.Routing;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Reads a neuron's page data (feature visualization and facets, top examples, text examples, stats, histogram, notes,
/// neighbours), cached per catalog version.
/// </summary>
public sealed class NeuronReader(CatalogState state, CatalogCache cache)
{
    public Task<NeuronDetail?> GetNeuronAsync(string modelId, string layerId, int index, CancellationToken ct) =>
        cache.GetOrLoadAsync($"neuron/{modelId}/{layerId}/{index}", () => LoadAsync(modelId, layerId, index, ct));

    private async Task<NeuronDetail?> LoadAsync(string modelId, string layerId, int index, CancellationToken ct)
    {
        await using var db = state.OpenContext();
        var layer = await db.Layers.Include(l => l.Model)
            .FirstOrDefaultAsync(l => l.ModelId == modelId && l.LayerId == layerId, ct);
        if (layer is null) return null;
        var neuron = await db.Neurons.FirstOrDefaultAsync(n => n.LayerId == layer.Id && n.Index == index, ct);
        if (neuron is null) return null;

        var examples = await db.Examples.Where(e => e.NeuronId == neuron.Id).OrderBy(e => e.Rank)
            .Select(e => new { e.Rank, e.ImageHash, e.Activation, e.Image!.Label, e.Image.Flagged, e.Image.ThumbnailWidth, e.Image.ThumbnailHeight })
            .ToListAsync(ct);
        var notes = await db.Notes.Where(n => n.ModelId == modelId && n.LayerId == layerId && n.NeuronIndex == index)
            .OrderBy(n => n.Id).Select(n => new { n.Label, n.Markdown }).ToListAsync(ct);
        var visualizations = await db.FeatureVisualizations.Where(v => v.NeuronId == neuron.Id).OrderBy(v => v.Facet)
            .Select(v => new { v.Facet, v.Hash, v.Activation }).ToListAsync(ct);
        var channelVis = visualizations.FirstOrDefault(v => v.Facet == -1);
        var textExamples = await db.TextExamples.Where(t => t.NeuronId == neuron.Id).OrderBy(t => t.Rank)
            .Select(t => new TextExampleView(t.Rank, t.Text, t.Score)).ToListAsync(ct);
        var neighbours = await db.Neurons.Where(n => n.LayerId == layer.Id && (n.Index == index - 1 || n.Index == index + 1))
            .Select(n => n.Index).ToListAsync(ct);

        string? markdown = notes.Count == 0 ? null : string.Join("\n\n", notes.Select(n => n.Markdown));
        string? noteLabel = notes.Select(n => n.Label).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        string? labelSource = neuron.Label is null && noteLabel is not null ? "note" : neuron.LabelSource;
        var exampleViews = examples.Select(e => new NeuronExampleView(
            e.Rank, e.ImageHash, e.Activation, AtlasUrls.Image(e.ImageHash),
            AtlasUrls.Heatmap(modelId, layerId, index, e.Rank, state.Version),
            e.Label, e.Flagged, e.ThumbnailWidth, e.ThumbnailHeight)).ToList();

        return new NeuronDetail(
            modelId, layer.Model!.DisplayName, layerId, layer.DisplayName, index, layer.Channels,
            neuron.Label ?? noteLabel, labelSource, labelSource == "note" ? null : neuron.LabelConfidence,
            new NeuronStats(neuron.Mean, neuron.Std, neuron.Max, neuron.ActiveFraction),
            DecodeHistogram(neuron.Histogram),
            exampleViews,
            markdown,
            markdown is null ? null : NoteRenderer.ToHtml(markdown),
            channelVis is null ? null : AtlasUrls.FeatureVisualization(channelVis.Hash),
            channelVis?.Activation,
            visualizations.Where(v => v.Facet >= 0).Select(v => new FeatureVisFacetView(v.Facet, AtlasUrls.FeatureVisualization(v.Hash), v.Activation)).ToList(),
            textExamples,
            AtlasUrls.Visualize(modelId, $"{layerId}:{index}"),
            AtlasUrls.Neuron(modelId, layerId, index),
            AtlasUrls.NeuronApi(modelId, layerId, index),
            neighbours.Contains(index - 1) ? AtlasUrls.Neuron(modelId, layerId, index - 1) : null,
            neighbours.Contains(index + 1) ? AtlasUrls.Neuron(modelId, layerId, index + 1) : null);
    }

    /// <summary>The bins from the first to the last non-empty one (the fixed bin set spans many empty octaves).</summary>
    private static IReadOnlyList<HistogramBin> DecodeHistogram(byte[] bytes)
    {
        if (bytes.Length == 0) return [];
        var counts = ActivationHistogram.Decode(bytes);
        var edges = ActivationHistogram.BinEdges;
        if (counts.Length != edges.Count)
            throw new InvalidDataException($"A neuron histogram has {counts.Length} bins; ActivationHistogram defines {edges.Count}.");
        int first = Array.FindIndex(counts, c => c > 0), last = Array.FindLastIndex(counts, c => c > 0);
        if (first < 0) return [];
        return Enumerable.Range(first, last - first + 1)
            .Select(i => new HistogramBin(Finite(edges[i].Lower), Finite(edges[i].Upper), counts[i]))
            .ToList();
    }

    private static double? Finite(double edge) => double.IsInfinity(edge) ? null : edge;
}

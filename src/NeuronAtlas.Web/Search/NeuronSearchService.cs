using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.NeuronLabels;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Search;

/// <summary>
/// Finds neurons by text across the catalog's models (Core's <see cref="NeuronSearch"/>: label and top-phrase cosine
/// for CLIP models, text matches for all). The indices are built once per catalog version, on the first search.
/// A query that runs CLIP text encoders goes through the <see cref="TextEncodingGate"/>.
/// </summary>
public sealed class NeuronSearchService(
    CatalogState state,
    ClipModelPool clip,
    TextEncodingGate textGate,
    IOptions<SearchOptions> options,
    ILogger<NeuronSearchService> logger)
{
    private readonly Lock _gate = new();
    private (long Version, Task<SearchCatalog> Catalog)? _built;

    private sealed record Thumbnail(string? Url, bool Flagged);

    /// <param name="TextEncoders">The CLIP models whose text encoders the search runs on every query.</param>
    private sealed record SearchCatalog(NeuronSearch Search, IReadOnlyDictionary<string, string> ModelNames, IReadOnlyList<ClipModel> TextEncoders,
        IReadOnlyDictionary<(string Model, string Layer, int Index), Thumbnail> Thumbnails)
    {
        public IReadOnlyList<string> SemanticModels => TextEncoders.Select(m => m.Manifest.Id).ToList();
    }

    /// <exception cref="RequestRejectedException">400 for an empty or over-long query or a bad count, 404 for an unknown model, 503 when the text encoder is busy.</exception>
    public async Task<NeuronSearchResult> SearchAsync(string? query, string? modelId, string? layerId, int? top, CancellationToken ct)
    {
        var limits = options.Value;
        var q = (query ?? "").Trim();
        if (q.Length == 0) throw RequestRejectedException.Invalid("Give a query: ?q=spider");
        if (q.Length > limits.MaxQueryLength) throw RequestRejectedException.Invalid($"The query is {q.Length} characters long; the limit is {limits.MaxQueryLength}.");
        int count = top ?? limits.DefaultTop;
        if (count < 1 || count > limits.MaxTop) throw RequestRejectedException.Invalid($"top must be between 1 and {limits.MaxTop}.");

        var catalog = await CatalogAsync().WaitAsync(ct);
        if (modelId is not null && !catalog.ModelNames.ContainsKey(modelId))
            throw RequestRejectedException.UnknownModel($"No model '{modelId}' in the catalog (see /api/models).");
        var hits = catalog.TextEncoders.Count == 0
            ? catalog.Search.Search(q, count, modelId, layerId)
            : await textGate.RunAsync(() =>
            {
                var uses = catalog.TextEncoders.Select(clip.Use).ToList();
                try
                {
                    return catalog.Search.Search(q, count, modelId, layerId);
                }
                finally
                {
                    uses.ForEach(use => use.Dispose());
                }
            }, ct);
        var results = hits.Select(h =>
        {
            var thumbnail = catalog.Thumbnails.GetValueOrDefault((h.ModelId, h.LayerId, h.Neuron), new Thumbnail(null, false));
            return new NeuronSearchResultHit(h.ModelId, catalog.ModelNames[h.ModelId], h.LayerId, h.Neuron, h.Label, h.LabelSource,
                h.Score, h.Semantic, h.Lexical, AtlasUrls.Neuron(h.ModelId, h.LayerId, h.Neuron), AtlasUrls.NeuronApi(h.ModelId, h.LayerId, h.Neuron),
                thumbnail.Url, thumbnail.Flagged);
        }).ToList();
        return new NeuronSearchResult(q, modelId, layerId, catalog.SemanticModels, results);
    }

    /// <summary>Builds the indices of the current catalog version now, so the first search does not wait for them.</summary>
    public Task WarmUpAsync(CancellationToken ct) => CatalogAsync().WaitAsync(ct);

    private Task<SearchCatalog> CatalogAsync()
    {
        lock (_gate)
        {
            long version = state.Version;
            // A failed build is retried on the next search instead of being remembered.
            if (_built is not { } built || built.Version != version || built.Catalog.IsFaulted)
                _built = built = (version, Task.Run(Build));
            return built.Catalog;
        }
    }

    private SearchCatalog Build()
    {
        using var db = state.OpenContext();
        var models = db.Models.AsNoTracking().OrderBy(m => m.DisplayName).Select(m => new { m.Id, m.DisplayName }).ToList();
        var indices = new List<NeuronSearchIndex>();
        var encoders = new List<ClipModel>();
        foreach (var model in models)
        {
            if (clip.Get(model.Id) is not { } clipModel)
            {
                indices.Add(NeuronSearchIndex.Build(db, model.Id, null));
                continue;
            }
            using (clip.Use(clipModel)) indices.Add(NeuronSearchIndex.Build(db, model.Id, clipModel.Text));
            encoders.Add(clipModel);
        }
        var thumbnails = db.Neurons.AsNoTracking()
            .Select(n => new
            {
                n.Layer!.ModelId, n.Layer.LayerId, n.Index, n.TopImageHash,
                Flagged = db.Images.Where(i => i.Hash == n.TopImageHash).Select(i => i.Flagged).FirstOrDefault(),
                VisHash = db.FeatureVisualizations.Where(v => v.NeuronId == n.Id && v.Facet == -1).Select(v => v.Hash).FirstOrDefault(),
            })
            .ToList()
            .ToDictionary(n => (n.ModelId, n.LayerId, n.Index), n => n.VisHash is not null
                ? new Thumbnail(AtlasUrls.FeatureVisualization(n.VisHash), false)
                : new Thumbnail(n.TopImageHash is null ? null : AtlasUrls.Image(n.TopImageHash), n.Flagged));
        logger.LogInformation("Neuron search ready: {Neurons} neurons of {Models} models ({Semantic} with CLIP text embeddings).",
            indices.Sum(i => i.NeuronCount), models.Count, encoders.Count);
        return new SearchCatalog(new NeuronSearch(indices), models.ToDictionary(m => m.Id, m => m.DisplayName), encoders, thumbnails);
    }
}

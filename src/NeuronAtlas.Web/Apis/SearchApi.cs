using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Search;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Apis;

/// <summary>Neuron search by text: GET /api/search?q=spider&amp;model=&amp;layer=&amp;top=.</summary>
public static class SearchApi
{
    public static RouteHandlerBuilder MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", SearchAsync)
            .WithName("SearchNeurons")
            .WithMetadata(new RateLimitedAttribute(RateLimitPolicy.Search))
            .WithTags("Search")
            .WithSummary("Find neurons by text: label and top-phrase matches, ranked by score")
            .WithDescription("Query: q (required), model and layer (optional filters), top (1-100, default 20). Score = Semantic " +
                "(CLIP cosine to the label and the rank-weighted top phrases; 0 without a text encoder) + Lexical (2 exact label, " +
                "1 label word match, +0.5 exact top phrase).")
            .WithMetadata(new PublicCacheAttribute());

    public static async Task<Results<Ok<NeuronSearchResult>, ProblemHttpResult>> SearchAsync(
        NeuronSearchService search, HttpContext context, CancellationToken ct, string? q = null, string? model = null, string? layer = null, int? top = null)
    {
        try
        {
            return TypedResults.Ok(await search.SearchAsync(q, model, layer, top, ct));
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            return rejection.ToProblem(context, retryAfterSeconds: 1);
        }
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Clip.Findings;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Catalog;

namespace NeuronAtlas.Web.Apis;

/// <summary>GET /api/models/{model}/findings: the article's findings as computed by 'precompute findings'.</summary>
public static class FindingsApi
{
    public static RouteGroupBuilder MapFindingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Findings").WithMetadata(new PublicCacheAttribute());
        api.MapGet("/{model}/findings", GetFindings).WithName("GetFindings")
            .WithSummary("Get a model's findings: multimodal census with controls, zero-shot accuracy, typographic attack, sparse probes, neuron families, and baselines");
        return api;
    }

    public static async Task<Results<Ok<FindingsReport>, ProblemHttpResult>> GetFindings(string model, FindingsReader findings, CancellationToken ct) =>
        await findings.GetAsync(model, ct) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No findings for model '{model}' in the catalog. Compute them with 'precompute findings --model {model}'.");
}

using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Components.Pages;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Until the catalog is ready, answers requests for endpoints marked <see cref="RequiresCatalogAttribute"/> with 503:
/// pages get a "building the atlas" page that refreshes itself, everything else a JSON problem.
/// </summary>
public sealed class CatalogReadinessMiddleware(RequestDelegate next, CatalogState state)
{
    public const int RetryAfterSeconds = 3;

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (state.IsReady || endpoint?.Metadata.GetMetadata<RequiresCatalogAttribute>() is null)
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        context.Response.Headers.CacheControl = "no-store";
        string message = Describe(state);
        IResult answer = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            ? new RazorComponentResult<AtlasUnavailable>(new { Message = message, RefreshSeconds = RetryAfterSeconds })
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
            }
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Atlas not ready", detail: message);
        await answer.ExecuteAsync(context);
    }

    public static string Describe(CatalogState state) => state.Status switch
    {
        CatalogStatus.Ready when state.PendingModels.Count > 0 =>
            $"Still building {string.Join(", ", state.PendingModels)}" + (state.Progress is { } p
                ? $": {CatalogBuildProgress.Percent(p)}% ({p.Stage}, {p.Done}/{p.Total}, ETA {CatalogBuildProgress.FormatEta(p.Eta)})"
                : ""),
        CatalogStatus.Building when state.Progress is { } p =>
            $"Building the atlas: {CatalogBuildProgress.Percent(p)}% ({p.Stage}, {p.Done}/{p.Total}, " +
            $"{p.ImagesPerSecond:0.#} images/s, ETA {CatalogBuildProgress.FormatEta(p.Eta)})",
        CatalogStatus.Building => "Building the atlas: 0% (starting)",
        CatalogStatus.Starting => "The atlas is starting.",
        _ => state.Error ?? $"The atlas is unavailable ({state.Status}).",
    };
}

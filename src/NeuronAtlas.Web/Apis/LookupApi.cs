using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Uploads;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Apis;

/// <summary>POST an image, get the neurons it excites most in each layer. Uploads stay in memory.</summary>
public static class LookupApi
{
    public static RouteHandlerBuilder MapLookupApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/lookup", LookupAsync)
            .WithName("LookupImage")
            .WithMetadata(new RateLimitedAttribute(RateLimitPolicy.Lookup))
            .WithTags("Lookup")
            .WithSummary("Find the neurons an image excites most, per layer")
            .WithDescription("Body: multipart/form-data with one file field (or the raw image bytes). Query: model (default: the first " +
                "model), top (1-64, default 8), labels (CLIP models: zero-shot labels separated by commas or new lines; also a form " +
                "field; default: the shipped label set). Neurons rank by activation relative to their dataset maximum.");

    public static async Task<Results<Ok<LookupResult>, ProblemHttpResult>> LookupAsync(
        HttpContext context, [AsParameters] LookupServices services, CancellationToken ct,
        string? model = null, int top = ImageLookupService.DefaultTop)
    {
        try
        {
            var upload = await UploadRequestReader.ReadAsync(context.Request, services.Limits.Value.MaxBytes, services.Budget, ct);
            var result = await services.Lookup.LookupAsync(upload.Image, model, top, ct, upload.Value(context.Request, "labels"));
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(result);
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            return rejection.ToProblem(context, services.Limits.Value.RetryAfterSeconds);
        }
    }
}

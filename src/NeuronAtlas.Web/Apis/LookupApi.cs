using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Apis;

/// <summary>POST an image, get the neurons it excites most in each layer. Uploads stay in memory.</summary>
public static class LookupApi
{
    public static RouteHandlerBuilder MapLookupApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/lookup", LookupAsync)
            .WithName("LookupImage")
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
            var upload = await UploadRequestReader.ReadAsync(context.Request, services.Limits.Value.MaxBytes, ct);
            var result = await services.Lookup.LookupAsync(upload.Image, model, top, ct, upload.Value(context.Request, "labels"));
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(result);
        }
        catch (LookupRejectedException rejection)
        {
            if (rejection.StatusCode == StatusCodes.Status503ServiceUnavailable)
                context.Response.Headers.RetryAfter = services.Limits.Value.RetryAfterSeconds.ToString();
            // The rest of an over-size body is not worth reading: ask the client to close the connection.
            if (rejection.StatusCode == StatusCodes.Status413PayloadTooLarge)
                context.Response.Headers.Connection = "close";
            return TypedResults.Problem(statusCode: rejection.StatusCode, title: rejection.Title, detail: rejection.Message);
        }
    }
}

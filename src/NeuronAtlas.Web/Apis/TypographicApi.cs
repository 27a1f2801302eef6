using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Apis;

/// <summary>POST an image and a text to draw on it; get CLIP's zero-shot labels and the neurons that changed most.</summary>
public static class TypographicApi
{
    public static RouteHandlerBuilder MapTypographicApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/typographic", AttackAsync)
            .WithName("TypographicAttack")
            .WithMetadata(new RateLimitedAttribute(RateLimitPolicy.Typographic))
            .WithTags("Clip")
            .WithSummary("Draw text on an image and compare CLIP's zero-shot labels and neurons before and after")
            .WithDescription("Body: multipart/form-data with the image file (or the raw image). Fields or query: model (a CLIP model), text " +
                "(required, e.g. iPod or $$$), x, y (centre as shares of the image, default 0.5, 0.75), size (share of the shorter side, " +
                "default 0.12), colour (#rrggbb, default #000000), background (#rrggbb or none, default #ffffff), opacity (0-1, default 1), " +
                "font (index, default 0), labels (zero-shot labels; default: the shipped set).");

    public static async Task<Results<Ok<TypographicResult>, ProblemHttpResult>> AttackAsync(
        HttpContext context, [AsParameters] TypographicServices services, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            var upload = await UploadRequestReader.ReadAsync(context.Request, services.Limits.Value.MaxBytes, services.Budget, ct);
            string? Value(string name) => upload.Value(context.Request, name);
            var label = TypographicLabelReader.Read(Value);
            return TypedResults.Ok(await services.Attacks.AttackAsync(upload.Image, Value("model"), label, Value("labels"), ct));
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            return rejection.ToProblem(context, services.Limits.Value.RetryAfterSeconds);
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.Web.Model;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Apis;

/// <summary>Live feature visualization as an API: POST an objective, get the PNG; the same bounds and queue as /visualize.</summary>
public static class VisualizeApi
{
    public static RouteGroupBuilder MapVisualizeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/visualize").WithTags("Visualize");
        api.MapPost("/", RenderAsync).WithName("Visualize")
            .WithMetadata(new RateLimitedAttribute(RateLimitPolicy.Visualize))
            .WithSummary("Render a feature visualization of an objective and return it as PNG")
            .WithDescription("JSON body: model, objective, seed, steps, size. " + VisualizeObjectiveParser.Syntax);
        api.MapGet("/status", GetStatus).WithName("VisualizeStatus").WithSummary("Running and queued renders and the limits");
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RenderAsync(
        VisualizeApiRequest body, HttpContext context, [AsParameters] VisualizeServices services, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            if (string.IsNullOrWhiteSpace(body.Objective))
                throw RequestRejectedException.Invalid("Give an objective, e.g. {\"objective\": \"layer4:12\"}.");
            var modelId = body.Model ?? await services.Catalog.GetDefaultModelIdAsync(ct)
                ?? throw RequestRejectedException.UnknownModel("The catalog has no models.");
            var request = services.Visualize.Complete(modelId, body.Objective, body.Seed, body.Steps, body.Size);
            var prepared = await services.Visualize.PrepareAsync(request, ct);
            // Headers are set before the render takes a slot: one the server could not send would waste the render.
            context.Response.Headers["X-Objective"] = AsciiHeaderValue.Encode(prepared.Objective.Description);
            context.Response.Headers["X-Visualize-Url"] = request.Url;
            var result = await services.Visualize.RenderAsync(prepared, progress: null, ct);
            if (result.Objective is { } value) context.Response.Headers["X-Objective-Value"] = value.ToString("R", CultureInfo.InvariantCulture);
            if (result.InitialObjective is { } initial) context.Response.Headers["X-Initial-Objective-Value"] = initial.ToString("R", CultureInfo.InvariantCulture);
            return TypedResults.File(result.Png, "image/png");
        }
        catch (Exception failure) when (failure.AsRejection() is { } rejection)
        {
            return rejection.ToProblem(context, services.Limits.Value.RetryAfterSeconds);
        }
        catch (ObjectiveSyntaxException syntax)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid objective", detail: syntax.Message,
                extensions: new Dictionary<string, object?> { ["position"] = syntax.Position, ["problem"] = syntax.Problem, ["objective"] = syntax.Expression });
        }
    }

    public static Ok<VisualizeStatus> GetStatus(HttpContext context, [AsParameters] VisualizeServices services)
    {
        context.Response.Headers.CacheControl = "no-store";
        var limits = services.Limits.Value;
        var visualize = services.Visualize;
        return TypedResults.Ok(new VisualizeStatus(visualize.Queue.Running, visualize.Queue.Queued, limits.MaxConcurrentRuns, limits.MaxQueued,
            visualize.Renderers.LiveRenderers, limits.MaxSteps, limits.MinImageSize, limits.MaxImageSize));
    }
}

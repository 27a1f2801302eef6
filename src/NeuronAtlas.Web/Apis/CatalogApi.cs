using Microsoft.AspNetCore.Http.HttpResults;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Model;

namespace NeuronAtlas.Web.Apis;

/// <summary>The JSON API behind the public pages: models, layers (paged neuron lists) and neurons.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Catalog").WithMetadata(new PublicCacheAttribute());

        api.MapGet("/", GetModels).WithName("ListModels").WithSummary("List the catalog's models");
        api.MapGet("/{model}", GetModel).WithName("GetModel").WithSummary("Get a model and its layers");
        api.MapGet("/{model}/layers/{layer}", GetLayer).WithName("GetLayer")
            .WithSummary("Get a layer and one page of its neurons (page from 1, pageSize up to 512, default 128)");
        api.MapGet("/{model}/layers/{layer}/neurons/{neuron:int}", GetNeuron).WithName("GetNeuron")
            .WithSummary("Get a neuron: stats, histogram, top examples with image and heatmap URLs, label and notes");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ModelSummary>>> GetModels([AsParameters] CatalogServices services, CancellationToken ct) =>
        TypedResults.Ok(await services.Catalog.GetModelsAsync(ct));

    public static async Task<Results<Ok<ModelDetail>, ProblemHttpResult>> GetModel(
        string model, [AsParameters] CatalogServices services, CancellationToken ct) =>
        await services.Catalog.GetModelAsync(model, ct) is { } detail
            ? TypedResults.Ok(detail)
            : NotFound($"No model '{model}' in the catalog.");

    public static async Task<Results<Ok<LayerNeuronPage>, ProblemHttpResult>> GetLayer(
        string model, string layer, [AsParameters] CatalogServices services, CancellationToken ct,
        int page = 1, int pageSize = CatalogReader.DefaultPageSize)
    {
        if (page < 1 || pageSize < 1 || pageSize > CatalogReader.MaxPageSize)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging",
                detail: $"page must be at least 1 and pageSize between 1 and {CatalogReader.MaxPageSize}.");
        return await services.Catalog.GetLayerPageAsync(model, layer, page, pageSize, ct) is { } result
            ? TypedResults.Ok(result)
            : NotFound($"No page {page} of layer '{layer}' in model '{model}'.");
    }

    public static async Task<Results<Ok<NeuronDetail>, ProblemHttpResult>> GetNeuron(
        string model, string layer, int neuron, [AsParameters] CatalogServices services, CancellationToken ct) =>
        await services.Neurons.GetNeuronAsync(model, layer, neuron, ct) is { } detail
            ? TypedResults.Ok(detail)
            : NotFound($"No neuron {neuron} in layer '{layer}' of model '{model}'.");

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}

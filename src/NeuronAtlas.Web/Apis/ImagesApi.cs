using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NeuronAtlas.Web.Catalog;

namespace NeuronAtlas.Web.Apis;

/// <summary>
/// Images by content hash (dataset thumbnails, feature visualizations) and example heatmaps. Their URLs change
/// whenever their content can, so they are cached as immutable.
/// </summary>
public static class ImagesApi
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public static RouteGroupBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var images = app.MapGroup("").WithTags("Images");
        images.MapGet("/images/{hash}.jpg", GetThumbnail).WithName("GetDatasetImage")
            .WithSummary("A dataset thumbnail by the content hash of its original");
        images.MapGet("/featurevis/{hash}.png", GetFeatureVisualization).WithName("GetFeatureVisualization")
            .WithSummary("A feature visualization PNG by its content hash");
        images.MapGet("/heatmaps/{model}/{layer}/{neuron:int}/{rank:int}.png", GetHeatmap).WithName("GetExampleHeatmap")
            .WithSummary("Where a neuron fires on one of its top examples: a transparent PNG the size of the thumbnail");
        return images;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> GetThumbnail(
        string hash, HttpContext context, [AsParameters] ImageServices services, CancellationToken ct) =>
        IsHash(hash) && await services.Images.GetThumbnailAsync(hash, ct) is { } image
            ? Immutable(context, image, hash)
            : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> GetFeatureVisualization(
        string hash, HttpContext context, [AsParameters] ImageServices services, CancellationToken ct) =>
        IsHash(hash) && await services.Images.GetFeatureVisualizationAsync(hash, ct) is { } image
            ? Immutable(context, image, hash)
            : TypedResults.NotFound();

    /// <summary>Immutable when v is the current catalog version; any other v gets the current heatmap with a short cache life.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> GetHeatmap(
        string model, string layer, int neuron, int rank, long? v, HttpContext context, [AsParameters] ImageServices services, CancellationToken ct)
    {
        if (await services.Images.GetHeatmapAsync(model, layer, neuron, rank, ct) is not { } image) return TypedResults.NotFound();
        long version = services.State.Version;
        if (v == version) return Immutable(context, image, $"{version}-{model}-{layer}-{neuron}-{rank}");
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.File(image.Bytes, image.ContentType);
    }

    private static FileContentHttpResult Immutable(HttpContext context, StoredImage image, string tag)
    {
        context.Response.Headers.CacheControl = ImmutableCacheControl;
        return TypedResults.File(image.Bytes, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{tag}\""));
    }

    private static bool IsHash(string hash) => hash.Length is > 0 and <= 64 && hash.All(char.IsAsciiHexDigitLower);
}

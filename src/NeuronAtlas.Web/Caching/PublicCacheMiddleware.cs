using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Caching;

/// <summary>Adds caching headers to endpoints marked <see cref="PublicCacheAttribute"/> and answers revalidations with 304.</summary>
public sealed class PublicCacheMiddleware(RequestDelegate next, CatalogState state, IOptions<AtlasOptions> options)
{
    // Part of the ETag, so a redeployed app with new markup is not served from a cache revalidated against the same catalog.
    private static readonly string AppBuild = typeof(PublicCacheMiddleware).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        bool cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && state.IsComplete
            && context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>() is not null;
        if (!cacheable)
        {
            await next(context);
            return;
        }

        var etag = new EntityTagHeaderValue($"\"{state.Version}-{AppBuild}\"");
        var lastModified = DateTimeOffset.FromUnixTimeMilliseconds(state.Version);
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            SetHeaders(context.Response, etag, lastModified);
            return;
        }
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status200OK) SetHeaders(context.Response, etag, lastModified);
            return Task.CompletedTask;
        });
        await next(context);
    }

    private void SetHeaders(HttpResponse response, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        // Blazor's page rendering marks responses uncacheable (Cache-Control and Pragma); these pages hold nothing per-user.
        response.Headers.Pragma = default;
        var headers = response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(options.Value.PageMaxAgeSeconds) };
        headers.ETag = etag;
        headers.LastModified = lastModified;
    }
}

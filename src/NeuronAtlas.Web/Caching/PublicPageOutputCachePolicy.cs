using Microsoft.AspNetCore.OutputCaching;
using NeuronAtlas.Web.Catalog;

namespace NeuronAtlas.Web.Caching;

/// <summary>
/// Keeps rendered public pages and their JSON in memory. The catalog is opened read-only and only changes with a
/// restart, so a page is a pure function of its address and the catalog version; serving it from memory takes the
/// database and the renderer off the hot path (neuron pages under 32 concurrent connections).
/// </summary>
public sealed class PublicPageOutputCachePolicy : IOutputCachePolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<CatalogState>();
        bool cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && state.IsComplete
            && http.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>() is not null;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["catalog"] = state.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ResponseExpirationTimeSpan = Lifetime;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}

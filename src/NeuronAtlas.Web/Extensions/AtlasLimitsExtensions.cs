using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Extensions;

public static class AtlasLimitsExtensions
{
    /// <summary>
    /// The bounds of a public site: per-client rate limits (ASP.NET Core's rate limiter over <see cref="ClientRateLimiter"/>,
    /// answering 429 with Retry-After and a problem body), the text-encoding gate, the upload memory budget, and the
    /// trusted proxies whose forwarded headers name the client.
    /// </summary>
    public static IServiceCollection AddAtlasLimits(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<TextEncodingGate>();
        services.AddSingleton<UploadMemoryBudget>();
        services.AddScoped<PageRateLimit>();
        services.AddScoped<CircuitHandler>(provider => provider.GetRequiredService<PageRateLimit>());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var rejection = ClientRateLimiter.Rejection(context.Lease);
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return new ValueTask(rejection.ToProblem(context.HttpContext, rejection.RetryAfterSeconds ?? 1).ExecuteAsync(context.HttpContext));
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter>((options, limiter) => options.GlobalLimiter = limiter.ForRequests());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Believe only the configured proxies, not the loopback defaults.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Applies X-Forwarded-For and X-Forwarded-Proto from the configured proxies; does nothing when none is configured.</summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled) app.UseForwardedHeaders();
        return app;
    }
}

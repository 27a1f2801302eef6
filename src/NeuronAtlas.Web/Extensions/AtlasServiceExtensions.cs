using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Routing;
using NeuronAtlas.Web.Search;
using NeuronAtlas.Web.Uploads;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Extensions;

public static class AtlasServiceExtensions
{
    /// <summary>
    /// Everything the site needs: options, the catalog and its readers, image lookup, CLIP features (zero-shot labels,
    /// search, typographic attacks), live feature visualization, Blazor and MudBlazor.
    /// </summary>
    public static WebApplicationBuilder AddAtlasServices(this WebApplicationBuilder builder)
    {
        // Framework and MudBlazor files are found through the build's static web assets manifest. ASP.NET reads it
        // only in Development; read it in every environment so the built app also runs as Production from the
        // repository. A published app has no such manifest and serves them from its own wwwroot/.
        if (!builder.Environment.IsDevelopment()) builder.WebHost.UseStaticWebAssets();
        builder.AddAtlasOptions();
        builder.Services.AddAtlasLimits();
        builder.Services.AddAtlasCatalog();
        builder.Services.AddImageLookup();
        builder.Services.AddClipFeatures();
        builder.Services.AddLiveVisualization();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<NeuronAtlas.Web.Visualize.CircuitConnection>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(
            services => services.GetRequiredService<NeuronAtlas.Web.Visualize.CircuitConnection>());
        builder.Services.Replace(ServiceDescriptor.Scoped<AntiforgeryStateProvider, NoAntiforgeryStateProvider>());
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        builder.Services.AddScoped<AbsoluteUrls>();
        builder.Services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog");
        builder.Services.AddOutputCache(o => o.AddBasePolicy(new NeuronAtlas.Web.Caching.PublicPageOutputCachePolicy()));
        return builder;
    }

    private static void AddAtlasCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogState>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<NeuronReader>();
        services.AddSingleton<FindingsReader>();
        services.AddSingleton<ImageReader>();
        services.AddSingleton<ICatalogBuilder, EmbeddedCatalogBuilder>();
        services.AddHostedService<CatalogStartupService>();
    }

    private static void AddImageLookup(this IServiceCollection services)
    {
        services.AddSingleton<ModelManifests>();
        services.AddSingleton<UploadImageDecoder>();
        services.AddSingleton<InferenceGate>();
        services.AddSingleton<DecodeGate>();
        services.AddSingleton<ExtractorPool>();
        services.AddSingleton<LookupCatalogReader>();
        services.AddSingleton<ImageLookupService>();
    }

    private static void AddLiveVisualization(this IServiceCollection services)
    {
        services.AddSingleton<VisualizationQueue>();
        services.AddSingleton<FeatureVisRendererPool>();
        services.AddSingleton<VisualizeService>();
    }

    private static void AddClipFeatures(this IServiceCollection services)
    {
        services.AddSingleton<ClipModelPool>();
        services.AddSingleton<ZeroShotService>();
        services.AddSingleton<NeuronSearchService>();
        services.AddSingleton<TypographicAttackService>();
        services.AddHostedService<ClipWarmUpService>();
    }
}

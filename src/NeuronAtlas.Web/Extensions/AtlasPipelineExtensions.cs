using NeuronAtlas.Web.Apis;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Components;

namespace NeuronAtlas.Web.Extensions;

public static class AtlasPipelineExtensions
{
    /// <summary>The request pipeline: static files from the root wwwroot/, catalog readiness, caching headers, APIs and pages.</summary>
    public static WebApplication UseAtlasPipeline(this WebApplication app)
    {
        app.UseConfiguredForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // The repository's wwwroot/ (app.css, js/) is served before routing; framework and MudBlazor files are
        // endpoints of MapStaticAssets below.
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<CatalogReadinessMiddleware>();
        app.UseMiddleware<PublicCacheMiddleware>();
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapCatalogApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapFindingsApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapImagesApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapLookupApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapSearchApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapVisualizeApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapTypographicApi().WithMetadata(new RequiresCatalogAttribute());
        app.MapHealthChecks("/health");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

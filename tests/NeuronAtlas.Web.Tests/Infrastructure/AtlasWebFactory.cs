using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Core;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The web app in memory, reading the given catalog; extra settings override appsettings.json.</summary>
/// <param name="services">Replaces app services, e.g. the catalog builder.</param>
/// <param name="environment">The hosting environment. Defaults to Development.</param>
public sealed class AtlasWebFactory(
    string catalogPath,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    string environment = "Development") : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseContentRoot(AtlasPaths.FindRoot());
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Atlas:CatalogPath"] = catalogPath,
                ["Atlas:BuildCatalogOnStart"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                // Tests of other features send many requests from one client; the rate-limit tests turn the limits on.
                ["RateLimits:Enabled"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
            config.AddInMemoryCollection(values);
        });
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>A client that does not follow redirects, so status codes are seen as sent.</summary>
    public HttpClient CreateAtlasClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

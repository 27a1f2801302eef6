using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Core;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// The web app reading the given catalog, in memory or (<see cref="StartKestrel"/>) on a real Kestrel port on
/// 127.0.0.1, which checks what the in-memory server does not (header characters, connection handling) and lets a
/// real browser visit; extra settings override appsettings.json.
/// </summary>
public sealed class AtlasWebFactory : WebApplicationFactory<Program>
{
    private readonly string _catalogPath;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    /// <param name="services">Replaces app services, e.g. the catalog builder.</param>
    /// <param name="environment">The hosting environment. Defaults to Development.</param>
    public AtlasWebFactory(string catalogPath, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string environment = "Development")
    {
        _catalogPath = catalogPath;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _environment = environment;
    }

    /// <summary>The app on a real Kestrel server listening on 127.0.0.1 at a free port.</summary>
    public static AtlasWebFactory StartKestrel(string catalogPath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new AtlasWebFactory(catalogPath, settings);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        factory.BaseUrl = addresses.Single().TrimEnd('/');
        return factory;
    }

    /// <summary>The real server's address, e.g. "http://127.0.0.1:41234"; null in memory.</summary>
    public string? BaseUrl { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseContentRoot(AtlasPaths.FindRoot());
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Atlas:CatalogPath"] = _catalogPath,
                ["Atlas:BuildCatalogOnStart"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                // Tests of other features send many requests from one client; the rate-limit tests turn the limits on.
                ["RateLimits:Enabled"] = "false",
            };
            foreach (var (key, value) in _settings) values[key] = value;
            config.AddInMemoryCollection(values);
        });
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>
    /// A client that does not follow redirects, so status codes are seen as sent; on a Kestrel server, a real HTTP client
    /// over a loopback connection.
    /// </summary>
    public HttpClient CreateAtlasClient() => BaseUrl is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
        : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
}

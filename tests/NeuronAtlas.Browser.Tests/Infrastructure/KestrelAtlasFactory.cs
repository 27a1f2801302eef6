using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Core;

namespace NeuronAtlas.Browser.Tests.Infrastructure;

/// <summary>
/// The web app on a real Kestrel port on 127.0.0.1, reading the given catalog, for a real browser to visit; extra
/// settings override appsettings.json.
/// </summary>
public sealed class KestrelAtlasFactory : WebApplicationFactory<Program>
{
    private readonly string _catalogPath;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public KestrelAtlasFactory(string catalogPath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _catalogPath = catalogPath;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');
    }

    /// <summary>e.g. "http://127.0.0.1:41234".</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AtlasPaths.FindRoot());
        var values = new Dictionary<string, string?>
        {
            ["Atlas:CatalogPath"] = _catalogPath,
            ["Atlas:BuildCatalogOnStart"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests of other features send many requests from one client; the rate-limit tests turn the limits on.
            ["RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in _settings) values[key] = value;
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(values));
    }
}

namespace NeuronAtlas.Web.Options;

/// <summary>
/// The "ForwardedHeaders" section of appsettings.json: the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto
/// the site believes. Empty (the default) believes none, so the client is the connection's address; otherwise only
/// connections from these addresses or networks may name another client.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "127.0.0.1". Defaults to none.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/8". Defaults to none.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

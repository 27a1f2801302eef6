using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Routing;

/// <summary>Absolute URLs for OpenGraph tags and shareable links: under Atlas:PublicBaseUrl when set, else under the request's own address.</summary>
public sealed class AbsoluteUrls(NavigationManager navigation, IOptions<AtlasOptions> options)
{
    public string For(string relative)
    {
        string configured = options.Value.PublicBaseUrl;
        var baseUri = new Uri(string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured.TrimEnd('/') + "/");
        // AbsoluteUri keeps the escaping (ToString would turn %22 back into a quote).
        return new Uri(baseUri, relative.TrimStart('/')).AbsoluteUri;
    }
}

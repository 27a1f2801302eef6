using Microsoft.AspNetCore.Components.Forms;

namespace NeuronAtlas.Web.Caching;

/// <summary>
/// The site has no forms (uploads go through the interactive circuit or the JSON API), so Blazor is given no
/// antiforgery token. Otherwise every first visit would get an antiforgery cookie, and a response that sets a
/// cookie cannot be cached publicly.
/// </summary>
public sealed class NoAntiforgeryStateProvider : AntiforgeryStateProvider
{
    public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
}

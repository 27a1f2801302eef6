namespace NeuronAtlas.Web.Limits;

/// <summary>The kinds of expensive request a client is limited on, each with its own bucket in <see cref="Options.RateLimitOptions"/>.</summary>
public enum RateLimitPolicy
{
    Lookup,
    Typographic,
    Visualize,
    Search,
}

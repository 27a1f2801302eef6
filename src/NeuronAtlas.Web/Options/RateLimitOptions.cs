namespace NeuronAtlas.Web.Options;

/// <summary>
/// The "RateLimits" section of appsettings.json: per-client token buckets for the expensive endpoints and the page
/// actions that do the same work. A client is its address (after a configured proxy's X-Forwarded-For, see
/// <see cref="ProxyOptions"/>); an IPv6 client is its /64 network.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Apply the limits. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Image lookups (/api/lookup and the lookup page, relabelling included). Defaults to 10 at once, then 1 every 6 s.</summary>
    public TokenBucketLimit Lookup { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, PeriodSeconds = 6 };

    /// <summary>Typographic attacks (/api/typographic and the lab page). Defaults to 10 at once, then 1 every 6 s.</summary>
    public TokenBucketLimit Typographic { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, PeriodSeconds = 6 };

    /// <summary>Live renders (/api/visualize and the visualize page's start). Defaults to 5 at once, then 1 every 12 s.</summary>
    public TokenBucketLimit Visualize { get; set; } = new() { TokenLimit = 5, TokensPerPeriod = 1, PeriodSeconds = 12 };

    /// <summary>Searches (/api/search, the /search page, search-as-you-type). Defaults to 30 at once, then 1 a second.</summary>
    public TokenBucketLimit Search { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 1, PeriodSeconds = 1 };

    /// <summary>Every limit with its section key, for validation.</summary>
    public IEnumerable<(string Name, TokenBucketLimit Limit)> All =>
        [(nameof(Lookup), Lookup), (nameof(Typographic), Typographic), (nameof(Visualize), Visualize), (nameof(Search), Search)];
}

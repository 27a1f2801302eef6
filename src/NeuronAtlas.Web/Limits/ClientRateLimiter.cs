using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Limits;

/// <summary>
/// The one home of the per-client rate limits: a token bucket per (policy, client), shared by the HTTP endpoints
/// (through ASP.NET Core's rate-limiting middleware, see <see cref="ForRequests"/>) and the interactive pages
/// (through <see cref="PageRateLimit"/>), so a client spends the same tokens whichever way it asks.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    /// <summary>The partition of requests no policy limits: one shared no-op limiter.</summary>
    private static readonly Partition Unlimited = new(null, "");

    private readonly PartitionedRateLimiter<Partition> _limiter;

    private readonly record struct Partition(RateLimitPolicy? Policy, string Client);

    public ClientRateLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<Partition, Partition>(partition =>
            partition.Policy is not { } policy || !limits.Enabled
                ? RateLimitPartition.GetNoLimiter(Unlimited)
                : RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(Limit(limits, policy))));
    }

    /// <summary>Takes a token from the client's bucket of the policy now, without waiting; dispose the lease.</summary>
    public RateLimitLease Acquire(RateLimitPolicy policy, string client) => _limiter.AttemptAcquire(new Partition(policy, client));

    /// <summary>
    /// The same buckets keyed by request, for RateLimiterOptions.GlobalLimiter: an endpoint with
    /// <see cref="RateLimitedAttribute"/> takes a token of its policy, every other request passes.
    /// </summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() =>
        _limiter.WithTranslatedKey<HttpContext>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } limited
                ? new Partition(limited.Policy, ClientAddress.Of(context) ?? "unknown")
                : Unlimited, leaveOpen: true);

    /// <summary>The 429 rejection of a refused lease, with the seconds until the bucket has a token again.</summary>
    public static RequestRejectedException Rejection(RateLimitLease lease)
    {
        int seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        return RequestRejectedException.TooManyRequests(seconds);
    }

    private static TokenBucketLimit Limit(RateLimitOptions limits, RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Lookup => limits.Lookup,
        RateLimitPolicy.Typographic => limits.Typographic,
        RateLimitPolicy.Visualize => limits.Visualize,
        RateLimitPolicy.Search => limits.Search,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No rate limit is configured for this policy."),
    };

    private static TokenBucketRateLimiterOptions Bucket(TokenBucketLimit limit) => new()
    {
        TokenLimit = limit.TokenLimit,
        TokensPerPeriod = limit.TokensPerPeriod,
        ReplenishmentPeriod = TimeSpan.FromSeconds(limit.PeriodSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose() => _limiter.Dispose();
}

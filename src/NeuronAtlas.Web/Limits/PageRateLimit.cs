using Microsoft.AspNetCore.Components.Server.Circuits;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Limits;

/// <summary>
/// The per-client rate limits for interactive page actions, which reach the services over the Blazor circuit instead
/// of an HTTP endpoint. The client's address is taken from the HTTP request while there is one: the prerender's
/// request, or the circuit's connection request when the circuit opens (a <see cref="CircuitHandler"/>); the
/// buckets are <see cref="ClientRateLimiter"/>'s, so page and API share a client's allowance.
/// </summary>
public sealed class PageRateLimit(ClientRateLimiter limiter, IHttpContextAccessor http, ILogger<PageRateLimit> logger) : CircuitHandler
{
    private string? _client;

    /// <summary>Takes a token for a page action now.</summary>
    /// <exception cref="RequestRejectedException">429 with the seconds to wait, when the client's bucket is empty.</exception>
    public void Acquire(RateLimitPolicy policy)
    {
        using var lease = limiter.Acquire(policy, Client());
        if (!lease.IsAcquired) throw ClientRateLimiter.Rejection(lease);
    }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _client ??= http.HttpContext is { } context ? ClientAddress.Of(context) : null;
        if (_client is null)
        {
            // Without an address the circuit is its own client: still limited, but a client opening many circuits is not.
            logger.LogWarning("Circuit {Circuit} has no client address; its page actions are rate-limited per circuit.", circuit.Id);
            _client = "circuit:" + circuit.Id;
        }
        return Task.CompletedTask;
    }

    private string Client() =>
        _client ??= (http.HttpContext is { } context ? ClientAddress.Of(context) : null) ?? "unknown";
}

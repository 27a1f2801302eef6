using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Limits;

/// <summary>
/// Bounds CLIP text-encoder work (search queries, typed zero-shot label lists, text objectives, typographic labels):
/// at most <see cref="TextEncodingOptions.MaxConcurrent"/> run at once off the caller's thread, at most
/// <see cref="TextEncodingOptions.MaxQueued"/> wait, each no longer than the queue timeout; the rest are refused as
/// busy (503). It is separate from the image-inference slots, so long label lists never hold up lookups.
/// </summary>
public sealed class TextEncodingGate(IOptions<TextEncodingOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrent,
        QueueLimit = options.Value.MaxQueued,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Encodings running now.</summary>
    public long Running => options.Value.MaxConcurrent - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? options.Value.MaxConcurrent);

    /// <summary>Encodings waiting for a turn now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Runs <paramref name="encode"/> on a worker thread once a turn is free.</summary>
    /// <exception cref="RequestRejectedException">503 busy when the queue is full or no turn frees up in time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled while waiting.</exception>
    public async Task<T> RunAsync<T>(Func<T> encode, CancellationToken ct)
    {
        // ConfigureAwait(false): a caller on a Blazor circuit must not get the encoding's continuation queued on its
        // thread (the encoding and what follows it run on the pool).
        using var lease = await AcquireAsync(ct).ConfigureAwait(false);
        // Once started, the encoding runs to its end under the lease: the encoder cannot be interrupted midway.
        return await Task.Run(encode, ct).ConfigureAwait(false);
    }

    private async Task<RateLimitLease> AcquireAsync(CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(options.Value.QueueTimeoutMs);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Busy();
        }
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw Busy();
    }

    private RequestRejectedException Busy() => RequestRejectedException.Busy("text-encoder requests", options.Value.RetryAfterSeconds);

    public void Dispose() => _limiter.Dispose();
}

using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Limits;

/// <summary>
/// The bytes of upload bodies all requests together may hold in memory (<see cref="UploadOptions.MaxBufferedBytes"/>).
/// An upload reserves its declared length before it is read, or reserves as it reads when it declares none, and
/// holds the reservation until its request ends; when the budget is spent, the upload is refused as busy (503)
/// instead of waiting in memory for an inference slot.
/// </summary>
public sealed class UploadMemoryBudget(IOptions<UploadOptions> options)
{
    private long _reserved;

    public long Capacity => options.Value.MaxBufferedBytes;

    private int RetryAfterSeconds => options.Value.RetryAfterSeconds;

    /// <summary>Bytes reserved now.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>An empty reservation that grows with <see cref="Reservation.EnsureAtLeast"/>; dispose it to give the bytes back.</summary>
    public Reservation Open() => new(this);

    private bool TryTake(long bytes)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _reserved);
            if (current + bytes > Capacity) return false;
        }
        while (Interlocked.CompareExchange(ref _reserved, current + bytes, current) != current);
        return true;
    }

    private void Give(long bytes) => Interlocked.Add(ref _reserved, -bytes);

    /// <summary>One upload's share of the budget.</summary>
    public sealed class Reservation(UploadMemoryBudget budget) : IDisposable
    {
        private long _bytes;

        public long Bytes => _bytes;

        /// <summary>Grows the reservation to at least <paramref name="bytes"/>.</summary>
        /// <exception cref="RequestRejectedException">503 busy when the budget has no room for the growth.</exception>
        public void EnsureAtLeast(long bytes)
        {
            if (bytes <= _bytes) return;
            if (!budget.TryTake(bytes - _bytes))
                throw RequestRejectedException.Busy("uploads", budget.RetryAfterSeconds);
            _bytes = bytes;
        }

        public void Dispose() => budget.Give(Interlocked.Exchange(ref _bytes, 0));
    }
}

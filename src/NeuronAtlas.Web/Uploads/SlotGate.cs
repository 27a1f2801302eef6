using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// A fixed number of slots for one kind of lookup work. A request waits at most the queue timeout for a slot; after
/// that it is refused as busy (503), so a flood of uploads queues briefly and then fails fast instead of piling up memory.
/// </summary>
public abstract class SlotGate(int slots, int queueTimeoutMs) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);

    /// <summary>Waits up to the queue timeout for a slot; dispose the result to release it. Throws a 503 rejection when none frees up in time.</summary>
    public Task<IDisposable> EnterAsync(CancellationToken ct) => EnterAsync(queueTimeoutMs, ct);

    /// <param name="timeoutMs">How long to wait; <see cref="Timeout.Infinite"/> waits until a slot frees or <paramref name="ct"/> is cancelled.</param>
    public async Task<IDisposable> EnterAsync(int timeoutMs, CancellationToken ct)
    {
        if (!await _slots.WaitAsync(timeoutMs, ct).ConfigureAwait(false)) throw RequestRejectedException.Busy();
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}

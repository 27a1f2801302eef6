using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// Bounds how many lookups decode and run inference at once. A lookup waits at most the queue timeout for a slot;
/// after that it is refused as busy (503), so a flood of uploads queues briefly and then fails fast instead of
/// piling up memory.
/// </summary>
public sealed class InferenceGate(IOptions<UploadOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentInferences, options.Value.MaxConcurrentInferences);

    /// <summary>Waits for a slot; dispose the result to release it. Throws a 503 rejection when none frees up in time.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!await _slots.WaitAsync(options.Value.QueueTimeoutMs, ct)) throw RequestRejectedException.Busy();
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

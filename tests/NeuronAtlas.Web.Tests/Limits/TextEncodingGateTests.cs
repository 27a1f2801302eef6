using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Limits;

public sealed class TextEncodingGateTests
{
    [Fact]
    public async Task At_most_max_concurrent_encodings_run_and_a_full_queue_is_refused_as_busy()
    {
        using var gate = Gate(maxConcurrent: 2, maxQueued: 2, queueTimeoutMs: 60_000);
        var release = new ManualResetEventSlim();
        int running = 0, peak = 0;
        int Encode()
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            release.Wait();
            Interlocked.Decrement(ref running);
            return now;
        }

        var admitted = Enumerable.Range(0, 4).Select(_ => gate.RunAsync(Encode, CancellationToken.None)).ToList();
        // Two encodings are running (not only admitted) and two wait.
        await Conditions.WaitUntilAsync(() => Volatile.Read(ref running) == 2 && gate.Running == 2 && gate.Queued == 2, "the gate");

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => gate.RunAsync(Encode, CancellationToken.None));
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal(3, refused.RetryAfterSeconds);

        release.Set();
        await Task.WhenAll(admitted);
        Assert.Equal(2, peak);
        Assert.Equal((0L, 0L), (gate.Running, gate.Queued));
    }

    [Fact]
    public async Task A_request_waiting_past_the_queue_timeout_is_refused_and_the_gate_recovers()
    {
        using var gate = Gate(maxConcurrent: 1, maxQueued: 4, queueTimeoutMs: 50);
        var release = new ManualResetEventSlim();
        var holder = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None);
        await Conditions.WaitUntilAsync(() => gate.Running == 1, "the gate");

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => gate.RunAsync(() => 1, CancellationToken.None));
        Assert.Equal(503, refused.StatusCode);

        release.Set();
        await holder;
        Assert.Equal(42, await gate.RunAsync(() => 42, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_wait_is_a_cancellation_not_a_busy_answer()
    {
        using var gate = Gate(maxConcurrent: 1, maxQueued: 4, queueTimeoutMs: 60_000);
        var release = new ManualResetEventSlim();
        var holder = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None);
        await Conditions.WaitUntilAsync(() => gate.Running == 1, "the gate");
        using var cancel = new CancellationTokenSource();

        var waiting = gate.RunAsync(() => 1, cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Set();
        await holder;
    }

    private static TextEncodingGate Gate(int maxConcurrent, int maxQueued, int queueTimeoutMs) =>
        new(Microsoft.Extensions.Options.Options.Create(new TextEncodingOptions
        {
            MaxConcurrent = maxConcurrent, MaxQueued = maxQueued, QueueTimeoutMs = queueTimeoutMs, RetryAfterSeconds = 3,
        }));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

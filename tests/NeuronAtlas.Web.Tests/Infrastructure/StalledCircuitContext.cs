namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// A synchronization context that never runs what is posted to it, like a Blazor circuit busy elsewhere: work started
/// under it finishes only if none of its continuations needs the caller's thread.
/// </summary>
public sealed class StalledCircuitContext : SynchronizationContext
{
    private int _posted;

    /// <summary>Continuations that asked for the caller's thread.</summary>
    public int Posted => Volatile.Read(ref _posted);

    public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posted);

    public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("The circuit is stalled.");

    /// <summary>Starts <paramref name="start"/> with this context as the current one, as a Blazor event handler would.</summary>
    public Task<T> Start<T>(Func<Task<T>> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}

namespace NeuronAtlas.Web.Caching;

/// <summary>
/// A value created on first use and then shared, like <see cref="Lazy{T}"/> in ExecutionAndPublication mode (one
/// creation at a time, later callers wait for it), except that a failed creation is not remembered: the exception goes
/// to the callers of that attempt and the next caller tries again. <see cref="Lazy{T}"/> caches the exception, so one
/// transient failure (a file being replaced, a busy disk) would disable a live feature until the app restarts.
/// </summary>
public sealed class RetryingLazy<T>(Func<T> create)
{
    private readonly Lock _gate = new();
    private volatile Box? _created;

    private sealed record Box(T Value);

    public bool IsValueCreated => _created is not null;

    /// <summary>The value, created now if no earlier attempt succeeded.</summary>
    public T Value
    {
        get
        {
            if (_created is { } done) return done.Value;
            lock (_gate)
            {
                _created ??= new Box(create());
                return _created.Value;
            }
        }
    }
}

namespace NeuronAtlas.Web.Components.Shared;

/// <summary>
/// The cancellation of the newest of a series of runs where each new one supersedes the last (search-as-you-type, a
/// debounced re-run): <see cref="Next"/> cancels and disposes the previous source, whose link to the page's own token
/// would otherwise stay registered until the page goes away, and starts a new one linked to that token.
/// </summary>
public sealed class SupersedingCancellation(CancellationToken parent) : IDisposable
{
    private CancellationTokenSource? _current;

    /// <summary>Cancels the current run, if any, and returns the token of a new one.</summary>
    public CancellationToken Next()
    {
        CancelCurrent();
        _current = CancellationTokenSource.CreateLinkedTokenSource(parent);
        return _current.Token;
    }

    /// <summary>Cancels the current run, if any, without starting another.</summary>
    public void CancelCurrent()
    {
        var previous = _current;
        _current = null;
        if (previous is null) return;
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose() => CancelCurrent();
}

namespace NeuronAtlas.Web.Visualize;

/// <summary>A run slot of the <see cref="VisualizationQueue"/>; disposing it frees the slot (once).</summary>
public sealed class VisualizationSlot : IDisposable
{
    private readonly VisualizationQueue _queue;
    private int _released;

    internal VisualizationSlot(VisualizationQueue queue, int number)
    {
        _queue = queue;
        Number = number;
    }

    /// <summary>0 to MaxConcurrentRuns - 1.</summary>
    public int Number { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _queue.Release(Number);
    }
}

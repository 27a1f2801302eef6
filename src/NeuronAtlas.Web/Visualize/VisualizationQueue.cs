using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Bounds live renders: <see cref="VisualizeOptions.MaxConcurrentRuns"/> numbered slots, and a first-come queue of at
/// most <see cref="VisualizeOptions.MaxQueued"/> waiters, each told its position as it changes. A full queue, or a wait
/// longer than <see cref="VisualizeOptions.QueueTimeoutSeconds"/>, is refused as busy (503). Slot numbers let each slot
/// keep renderers of its own (see <see cref="FeatureVisRendererPool"/>).
/// </summary>
public sealed class VisualizationQueue(IOptions<VisualizeOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Stack<int> _free = new(Enumerable.Range(0, options.Value.MaxConcurrentRuns).Reverse());
    private readonly LinkedList<Waiter> _waiting = new();

    private sealed record Waiter(TaskCompletionSource<int> Slot, Action<int>? OnPosition);

    /// <summary>Renders holding a slot.</summary>
    public int Running { get { lock (_gate) return options.Value.MaxConcurrentRuns - _free.Count; } }

    /// <summary>Renders waiting for a slot.</summary>
    public int Queued { get { lock (_gate) return _waiting.Count; } }

    /// <summary>Waits for a slot; dispose the result to free it.</summary>
    /// <param name="onPosition">Told the 1-based queue position whenever it changes (not called when a slot is free at once).</param>
    /// <exception cref="RequestRejectedException">503 busy: the queue is full or the wait timed out.</exception>
    public async Task<VisualizationSlot> EnterAsync(Action<int>? onPosition, CancellationToken ct)
    {
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _free.TryPop(out int slot)) return new VisualizationSlot(this, slot);
            if (_waiting.Count >= options.Value.MaxQueued) throw Busy();
            waiter = new Waiter(new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously), onPosition);
            node = _waiting.AddLast(waiter);
        }
        onPosition?.Invoke(PositionOf(node));
        try
        {
            int slot = await waiter.Slot.Task.WaitAsync(TimeSpan.FromSeconds(options.Value.QueueTimeoutSeconds), ct);
            return new VisualizationSlot(this, slot);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool removed;
            lock (_gate)
            {
                removed = node.List is not null;
                if (removed) _waiting.Remove(node);
            }
            // Already taken off the queue: a slot is being handed over. Refuse it, or pass it on when it has arrived.
            if (!removed && !waiter.Slot.TrySetCanceled()) Release(waiter.Slot.Task.Result);
            TellPositions();
            if (e is TimeoutException) throw Busy();
            throw;
        }
    }

    internal void Release(int slot)
    {
        while (true)
        {
            Waiter next;
            lock (_gate)
            {
                if (_waiting.First is not { } first)
                {
                    _free.Push(slot);
                    return;
                }
                next = first.Value;
                _waiting.RemoveFirst();
            }
            if (next.Slot.TrySetResult(slot))
            {
                TellPositions();
                return;
            }
            // That waiter gave up at this moment; offer the slot to the one after it.
        }
    }

    private int PositionOf(LinkedListNode<Waiter> node)
    {
        lock (_gate)
        {
            int position = 1;
            for (var n = _waiting.First; n is not null && n != node; n = n.Next) position++;
            return position;
        }
    }

    private void TellPositions()
    {
        List<(Action<int> Tell, int Position)> updates;
        lock (_gate) updates = _waiting.Select((w, i) => (w.OnPosition, i + 1)).Where(u => u.OnPosition is not null).Select(u => (u.OnPosition!, u.Item2)).ToList();
        foreach (var (tell, position) in updates) tell(position);
    }

    private RequestRejectedException Busy() => RequestRejectedException.Busy("visualizations");
}

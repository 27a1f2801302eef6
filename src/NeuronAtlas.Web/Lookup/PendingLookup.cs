using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// One request's images waiting in a <see cref="LookupBatcher"/>. It is either taken into a batch (started) or given up
/// by its request (timed out or cancelled), never both: whichever comes first wins.
/// </summary>
internal sealed class PendingLookup(float[] input, int images)
{
    private const int Queued = 0, Started = 1, Abandoned = 2;
    private int _state, _counted = 1;

    public float[] Input => input;
    public int Images => images;
    public TaskCompletionSource<ActivationSlice> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

    /// <summary>True once only: for whichever of the batcher and the request first takes these images off the queue's count.</summary>
    public bool TryUncount() => Interlocked.Exchange(ref _counted, 0) == 1;
}

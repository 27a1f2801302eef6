using System.Diagnostics;
using System.Threading.Channels;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Problems;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Lookup;

/// <summary>
/// Runs the lookups of one model (one extractor: the same graph, layers and outputs) in shared batches. Requests queue
/// their preprocessed input; once an inference slot is free, the batcher takes every queued request that fits
/// <see cref="UploadOptions.MaxBatchSize"/>, waits up to <see cref="UploadOptions.BatchWindowMs"/> for more while
/// other lookups of the model are still being decoded, and runs them all in one ONNX Runtime Run. Each request gets a
/// copy of its own batch items. Bounded: at most <see cref="UploadOptions.MaxQueuedImages"/> images wait (beyond it, 503
/// at once), and a request whose run has not started within the queue timeout gets 503 and leaves the queue. A
/// cancelled request leaves the queue, or, once its batch runs, just stops waiting: the others are not affected.
/// </summary>
public sealed class LookupBatcher : IDisposable
{
    private readonly ActivationExtractor _extractor;
    private readonly InferenceGate _gate;
    private readonly UploadOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingLookup> _queue = Channel.CreateUnbounded<PendingLookup>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _dispatcher;
    private int _queuedImages, _decoding;
    private long _runs, _imagesRun, _largestRun;

    public LookupBatcher(ActivationExtractor extractor, InferenceGate gate, UploadOptions options, ILogger logger)
    {
        (_extractor, _gate, _options, _logger) = (extractor, gate, options, logger);
        _dispatcher = Task.Run(DispatchAsync);
    }

    /// <summary>Images waiting for a model run now.</summary>
    public int QueuedImages => Volatile.Read(ref _queuedImages);

    /// <summary>Model runs so far, the images they held, and the most images one run held.</summary>
    public (long Runs, long Images, long Largest) Statistics => (Interlocked.Read(ref _runs), Interlocked.Read(ref _imagesRun), Interlocked.Read(ref _largestRun));

    /// <summary>
    /// Announces a lookup of this model that is about to decode its upload: while any is announced, a batch with room
    /// waits (within the window) for it. Dispose the result when its input is queued, or when it failed.
    /// </summary>
    public IDisposable AnnounceDecoding()
    {
        Interlocked.Increment(ref _decoding);
        return new Announcement(this);
    }

    /// <summary>Runs <paramref name="images"/> preprocessed images (3 x H x W floats each) in a batch shared with other lookups.</summary>
    /// <exception cref="RequestRejectedException">503 busy when the queue is full or the run did not start within the queue timeout.</exception>
    public async Task<ActivationSlice> RunAsync(float[] input, int images, CancellationToken ct)
    {
        if (Interlocked.Add(ref _queuedImages, images) > _options.MaxQueuedImages)
        {
            Interlocked.Add(ref _queuedImages, -images);
            throw RequestRejectedException.Busy();
        }
        var pending = new PendingLookup(input, images);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _queuedImages, -images);
            throw new ObjectDisposedException(nameof(LookupBatcher));
        }
        try
        {
            return await pending.Result.Task.WaitAsync(TimeSpan.FromMilliseconds(_options.QueueTimeoutMs), ct).ConfigureAwait(false);
        }
        catch (TimeoutException) when (pending.TryAbandon())
        {
            Uncount(pending);
            throw RequestRejectedException.Busy();
        }
        catch (TimeoutException)
        {
            // Its run started just in time; runs are bounded, so it is awaited to the end.
            return await pending.Result.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (pending.TryAbandon()) Uncount(pending);
            throw;
        }
    }

    /// <summary>Gives the queue back the room of images that left it (taken into a batch, or given up by their request).</summary>
    private void Uncount(PendingLookup pending)
    {
        if (pending.TryUncount()) Interlocked.Add(ref _queuedImages, -pending.Images);
    }

    private async Task DispatchAsync()
    {
        var stop = _stopping.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                // Requests keep queuing while every slot is busy: under load, batches fill up by themselves.
                var slot = await _gate.EnterAsync(Timeout.Infinite, stop).ConfigureAwait(false);
                var (batch, images) = await GatherAsync(stop).ConfigureAwait(false);
                if (batch.Count == 0) slot.Dispose();
                else _ = Task.Run(() => Run(batch, images, slot), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The lookup batcher of {Model} stopped.", _extractor.Manifest.Id);
        }
        while (_queue.Reader.TryRead(out var left)) left.Result.TrySetException(new ObjectDisposedException(nameof(LookupBatcher)));
    }

    /// <summary>Takes the queued requests that fit one batch; while the batch has room and lookups of this model are decoding, waits for them within the window.</summary>
    private async Task<(List<PendingLookup> Batch, int Images)> GatherAsync(CancellationToken stop)
    {
        var batch = new List<PendingLookup>();
        int images = 0;
        long deadline = Stopwatch.GetTimestamp() + _options.BatchWindowMs * Stopwatch.Frequency / 1000;
        while (true)
        {
            while (images < _options.MaxBatchSize && _queue.Reader.TryPeek(out var next))
            {
                if (images > 0 && images + next.Images > _options.MaxBatchSize) return (batch, images);
                _queue.Reader.TryRead(out _);
                Uncount(next);
                if (!next.TryStart()) continue; // timed out or cancelled meanwhile
                batch.Add(next);
                images += next.Images;
            }
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (images == 0 || images >= _options.MaxBatchSize || Volatile.Read(ref _decoding) == 0 || remaining <= 0) return (batch, images);
            using var window = CancellationTokenSource.CreateLinkedTokenSource(stop);
            window.CancelAfter(TimeSpan.FromTicks(Math.Max(1, remaining * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) return (batch, images);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return (batch, images);
            }
        }
    }

    private void Run(List<PendingLookup> batch, int images, IDisposable slot)
    {
        bool counted = false;
        try
        {
            float[] input;
            if (batch.Count == 1) input = batch[0].Input;
            else
            {
                int length = batch[0].Input.Length / batch[0].Images;
                input = new float[images * length];
                int offset = 0;
                foreach (var pending in batch)
                {
                    pending.Input.AsSpan(0, pending.Images * length).CopyTo(input.AsSpan(offset));
                    offset += pending.Images * length;
                }
            }
            using var outputs = _extractor.Run(input, images);
            Count(images); // before any answer, so a request that got its answer sees its run counted
            counted = true;
            int first = 0;
            foreach (var pending in batch)
            {
                pending.Result.TrySetResult(outputs.CopyItems(first, pending.Images));
                first += pending.Images;
            }
        }
        catch (Exception e)
        {
            if (!counted) Count(images);
            foreach (var pending in batch) pending.Result.TrySetException(e);
        }
        finally
        {
            slot.Dispose();
        }
    }

    private void Count(int images)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _imagesRun, images);
        long largest;
        do largest = Interlocked.Read(ref _largestRun);
        while (images > largest && Interlocked.CompareExchange(ref _largestRun, images, largest) != largest);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _dispatcher.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stopping.Dispose();
    }

    private sealed class Announcement(LookupBatcher batcher) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) Interlocked.Decrement(ref batcher._decoding);
        }
    }
}

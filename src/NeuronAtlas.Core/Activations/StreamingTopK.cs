namespace NeuronAtlas.Core.Activations;

/// <summary>
/// The k best (score, image) pairs of a stream, kept in a min-heap whose root is the worst kept entry.
/// Memory is O(k) however long the stream; merging two is associative and commutative.
/// </summary>
public sealed class StreamingTopK
{
    private readonly TopKEntry[] _heap;

    public StreamingTopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _heap = new TopKEntry[k];
    }

    public int K => _heap.Length;
    public int Count { get; private set; }

    /// <summary>Whether an entry with this score and image would be kept; lets callers skip copying its map.</summary>
    public bool WouldAccept(float score, int image) =>
        Count < _heap.Length || TopKEntry.IsBetter(score, image, _heap[0].Score, _heap[0].ImageIndex);

    /// <summary>Offers an entry; <paramref name="map"/> is only invoked when the entry is kept.</summary>
    public bool Offer(float score, int image, Func<float[]> map)
    {
        if (!WouldAccept(score, image)) return false;
        var entry = new TopKEntry(score, image, map());
        if (Count < _heap.Length)
        {
            _heap[Count] = entry;
            SiftUp(Count++);
        }
        else
        {
            _heap[0] = entry;
            SiftDown(0);
        }
        return true;
    }

    public void Merge(StreamingTopK other)
    {
        for (int i = 0; i < other.Count; i++)
        {
            var e = other._heap[i];
            Offer(e.Score, e.ImageIndex, () => e.Map);
        }
    }

    /// <summary>The kept entries, best first.</summary>
    public TopKEntry[] Sorted()
    {
        var result = _heap.AsSpan(0, Count).ToArray();
        Array.Sort(result, (a, b) => TopKEntry.IsBetter(a.Score, a.ImageIndex, b.Score, b.ImageIndex) ? -1
            : TopKEntry.IsBetter(b.Score, b.ImageIndex, a.Score, a.ImageIndex) ? 1 : 0);
        return result;
    }

    /// <summary>The heap in storage order, for exact serialization.</summary>
    internal ReadOnlySpan<TopKEntry> RawEntries => _heap.AsSpan(0, Count);

    internal void RestoreRaw(IReadOnlyList<TopKEntry> entries)
    {
        if (entries.Count > _heap.Length) throw new InvalidDataException("More top-k entries than k.");
        for (int i = 0; i < entries.Count; i++) _heap[i] = entries[i];
        Count = entries.Count;
    }

    // Min-heap order: the worse entry is the parent.
    private bool Worse(int a, int b) =>
        TopKEntry.IsBetter(_heap[b].Score, _heap[b].ImageIndex, _heap[a].Score, _heap[a].ImageIndex);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Worse(i, parent)) break;
            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < Count && Worse(left, worst)) worst = left;
            if (right < Count && Worse(right, worst)) worst = right;
            if (worst == i) return;
            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>
/// The <c>capacity</c> most recently used values by key (gradient sessions, which hold native memory the garbage
/// collector does not see). A value is used through a <see cref="Lease"/>; one that falls out of the cache is disposed
/// at once when unused, else when its last lease ends, never under a running render. Values are built outside the
/// cache's lock, so a slow build does not hold up users of other keys, and a key is built once however many ask for it
/// at the same time: the others wait for that build. A failed build is not cached.
/// </summary>
internal sealed class LeaseCache<TValue>(int capacity) : IDisposable where TValue : class, IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _entries = new();
    private bool _disposed;

    internal sealed class Entry(string key, Func<TValue> build)
    {
        public string Key { get; } = key;
        public Lazy<TValue> Value { get; } = new(build, LazyThreadSafetyMode.ExecutionAndPublication);
        public int Leases { get; set; }
        public bool Evicted { get; set; }
    }

    /// <summary>Values in the cache (built or being built).</summary>
    public int Count { get { lock (_gate) return _entries.Count; } }

    /// <summary>The value of <paramref name="key"/>, built by <paramref name="build"/> unless cached; dispose the lease when done.</summary>
    public Lease Acquire(string key, Func<TValue> build)
    {
        Entry entry;
        List<TValue> evicted = [];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var node = _entries.First;
            while (node is not null && node.Value.Key != key) node = node.Next;
            if (node is null)
            {
                node = new LinkedListNode<Entry>(new Entry(key, build));
                while (_entries.Count >= capacity)
                {
                    var last = _entries.Last!.Value;
                    _entries.RemoveLast();
                    last.Evicted = true;
                    if (last.Leases == 0 && last.Value.IsValueCreated) evicted.Add(last.Value.Value);
                }
            }
            else
            {
                _entries.Remove(node);
            }
            _entries.AddFirst(node);
            entry = node.Value;
            entry.Leases++;
        }
        foreach (var value in evicted) value.Dispose();
        try
        {
            return new Lease(this, entry, entry.Value.Value);
        }
        catch
        {
            lock (_gate)
            {
                entry.Leases--;
                // Lazy remembers the failure: drop the entry so the next caller builds again.
                if (!entry.Evicted)
                {
                    entry.Evicted = true;
                    _entries.Remove(entry);
                }
            }
            throw;
        }
    }

    private void Return(Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Leases > 0 || !entry.Evicted) return;
        }
        entry.Value.Value.Dispose();
    }

    /// <summary>Disposes the unused values now and the leased ones when their leases end.</summary>
    public void Dispose()
    {
        List<TValue> idle = [];
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _entries)
            {
                entry.Evicted = true;
                if (entry.Leases == 0 && entry.Value.IsValueCreated) idle.Add(entry.Value.Value);
            }
            _entries.Clear();
        }
        foreach (var value in idle) value.Dispose();
    }

    /// <summary>The use of a cached value; disposing it (once) ends the use.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly LeaseCache<TValue> _cache;
        private readonly Entry _entry;
        private int _returned;

        internal Lease(LeaseCache<TValue> cache, Entry entry, TValue value)
        {
            _cache = cache;
            _entry = entry;
            Value = value;
        }

        public TValue Value { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0) _cache.Return(_entry);
        }
    }
}

namespace NeuronAtlas.Core.Datasets;

/// <summary>Several image sources read one after another, as one dataset (e.g. the emoji pictures and their rendered words).</summary>
public sealed class ConcatenatedImageSource : IImageSource
{
    private readonly IImageSource[] _parts;
    private readonly int[] _starts;

    public string Name { get; }
    public int Count { get; }

    /// <summary>Takes ownership of <paramref name="parts"/>: disposing this source disposes them.</summary>
    public ConcatenatedImageSource(IReadOnlyList<IImageSource> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("A concatenated source needs at least one part.", nameof(parts));
        _parts = parts.ToArray();
        _starts = new int[_parts.Length];
        for (int i = 1; i < _parts.Length; i++) _starts[i] = _starts[i - 1] + _parts[i - 1].Count;
        Count = _starts[^1] + _parts[^1].Count;
        Name = string.Join(ImageSources.Separator, _parts.Select(p => p.Name));
    }

    public ImageRecord Describe(int index) => Locate(index, out int local).Describe(local);

    public byte[] ReadBytes(int index) => Locate(index, out int local).ReadBytes(local);

    private IImageSource Locate(int index, out int local)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"Image {index} of {Count}.");
        int part = Array.BinarySearch(_starts, index);
        if (part < 0) part = ~part - 1;
        while (part + 1 < _parts.Length && _starts[part + 1] == index) part++; // skip empty parts
        local = index - _starts[part];
        return _parts[part];
    }

    public void Dispose()
    {
        foreach (var part in _parts) part.Dispose();
    }
}

using Microsoft.ML.OnnxRuntime;

namespace NeuronAtlas.Core.Inference;

/// <summary>The outputs of one batch, owned by ONNX Runtime until disposed.</summary>
public sealed class ActivationBatch : IDisposable
{
    private readonly IDisposableReadOnlyCollection<OrtValue> _values;
    private readonly Dictionary<string, int> _index;

    public int BatchSize { get; }

    internal ActivationBatch(int batchSize, string[] names, IDisposableReadOnlyCollection<OrtValue> values)
    {
        BatchSize = batchSize;
        _values = values;
        _index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
    }

    /// <summary>The tensor's data, row-major [N, ...].</summary>
    public ReadOnlySpan<float> Tensor(string name) => _values[IndexOf(name)].GetTensorDataAsSpan<float>();

    /// <summary>A managed copy of items [<paramref name="first"/>, first + count) of every tensor.</summary>
    public ActivationSlice CopyItems(int first, int count)
    {
        if (first < 0 || count < 1 || first + count > BatchSize)
            throw new ArgumentOutOfRangeException(nameof(count), $"Items {first}..{first + count - 1} are outside a batch of {BatchSize}.");
        var tensors = new Dictionary<string, float[]>(_index.Count);
        foreach (var (name, i) in _index)
        {
            var data = _values[i].GetTensorDataAsSpan<float>();
            int perItem = data.Length / BatchSize;
            tensors[name] = data.Slice(first * perItem, count * perItem).ToArray();
        }
        return new ActivationSlice(count, tensors);
    }

    public long[] Shape(string name) => _values[IndexOf(name)].GetTensorTypeAndShape().Shape;

    private int IndexOf(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new ArgumentException($"Tensor '{name}' was not extracted.");

    public void Dispose() => _values.Dispose();
}

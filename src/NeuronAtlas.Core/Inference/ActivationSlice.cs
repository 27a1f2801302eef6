namespace NeuronAtlas.Core.Inference;

/// <summary>
/// A managed copy of some consecutive items of an <see cref="ActivationBatch"/>: what one request of a batch shared by
/// several requests reads, after the batch's ONNX Runtime buffers are freed.
/// </summary>
public sealed class ActivationSlice
{
    private readonly Dictionary<string, float[]> _tensors;

    /// <summary>Batch items in this slice.</summary>
    public int BatchSize { get; }

    internal ActivationSlice(int batchSize, Dictionary<string, float[]> tensors)
    {
        BatchSize = batchSize;
        _tensors = tensors;
    }

    /// <summary>The tensor's data for this slice's items, row-major [BatchSize, ...].</summary>
    public ReadOnlySpan<float> Tensor(string name) =>
        _tensors.TryGetValue(name, out var data) ? data : throw new ArgumentException($"Tensor '{name}' was not extracted.");
}

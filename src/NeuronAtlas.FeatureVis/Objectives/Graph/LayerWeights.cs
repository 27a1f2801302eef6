using NeuronAtlas.Core.Models;

namespace NeuronAtlas.FeatureVis.Objectives.Graph;

/// <summary>
/// What one layer's readouts are weighted with in a run of a <see cref="ReadoutGraph"/>: [N, C] weights on the
/// position-mean and centre readouts, an [N, C] cosine direction and a diversity weight. Terms add into them; what no
/// term touches stays zero and contributes nothing.
/// </summary>
public sealed class LayerWeights
{
    public LayerWeights(LayerManifest layer, int batchSize)
    {
        Layer = layer;
        BatchSize = batchSize;
        Mean = new float[batchSize * layer.Channels];
        Centre = new float[Mean.Length];
        CosineDirection = new float[Mean.Length];
    }

    public LayerManifest Layer { get; }

    public int BatchSize { get; }

    /// <summary>[N, C] weights on each item's position-averaged channels (channel and direction terms).</summary>
    public float[] Mean { get; }

    /// <summary>[N, C] weights on each item's centre position (neuron terms).</summary>
    public float[] Centre { get; }

    /// <summary>[N, C]: each item's weighted sum of the unit directions its cosine terms compare the mean readout with.</summary>
    public float[] CosineDirection { get; }

    public float Diversity { get; private set; }

    /// <summary>Adds <paramref name="factor"/> to one channel's weight, for one item or (null) every item.</summary>
    public void AddChannel(SpatialReadout readout, int? item, int channel, float factor, string description)
    {
        if (channel < 0 || channel >= Layer.Channels)
            throw new ArgumentOutOfRangeException(nameof(channel), $"{description}: channel {channel} is outside 0..{Layer.Channels - 1} of layer '{Layer.Id}'.");
        var target = readout == SpatialReadout.Mean ? Mean : Centre;
        foreach (var row in Items(item)) target[row * Layer.Channels + channel] += factor;
    }

    /// <summary>Adds <paramref name="factor"/> × <paramref name="vector"/> to the mean weights or the cosine direction.</summary>
    public void AddVector(float[] target, int? item, float[] vector, float factor, string description)
    {
        if (vector.Length != Layer.Channels)
            throw new ArgumentException($"{description}: layer '{Layer.Id}' has {Layer.Channels} channels, the vector has {vector.Length}.");
        foreach (var row in Items(item))
            for (var c = 0; c < vector.Length; c++) target[row * Layer.Channels + c] += factor * vector[c];
    }

    public void AddDiversity(float factor) => Diversity += factor;

    private IEnumerable<int> Items(int? item)
    {
        if (item is { } one && (one < 0 || one >= BatchSize))
            throw new ArgumentOutOfRangeException(nameof(item), $"Item {one} is outside a batch of {BatchSize}.");
        return item is { } single ? [single] : Enumerable.Range(0, BatchSize);
    }
}

namespace NeuronAtlas.Core.Activations;

/// <summary>
/// Everything a dataset pass keeps for one layer: per channel, the top-k images with their spatial maps
/// and running statistics. Its size depends on channels, k and the spatial grid, never on the number of images.
/// </summary>
public sealed class LayerAccumulator
{
    private const int FormatVersion = 2;

    public string LayerId { get; }
    /// <summary>The first channel this accumulator covers (channel shards cover a sub-range).</summary>
    public int ChannelStart { get; }
    public int ChannelCount { get; }
    /// <summary>Channels of the layer tensor (the stride between images).</summary>
    public int LayerChannels { get; }
    /// <summary>Positions per channel: Height x Width.</summary>
    public int Positions { get; }
    public int K { get; }

    private readonly StreamingTopK[] _topK;
    private readonly ChannelStatistics[] _stats;

    public LayerAccumulator(string layerId, int layerChannels, int positions, int k, int channelStart = 0, int? channelCount = null)
    {
        LayerId = layerId;
        LayerChannels = layerChannels;
        Positions = positions;
        K = k;
        ChannelStart = channelStart;
        ChannelCount = channelCount ?? layerChannels - channelStart;
        if (channelStart < 0 || ChannelCount <= 0 || channelStart + ChannelCount > layerChannels)
            throw new ArgumentOutOfRangeException(nameof(channelStart), $"Channels {channelStart}..{channelStart + ChannelCount - 1} are outside 0..{layerChannels - 1}.");
        _topK = Enumerable.Range(0, ChannelCount).Select(_ => new StreamingTopK(k)).ToArray();
        _stats = Enumerable.Range(0, ChannelCount).Select(_ => new ChannelStatistics()).ToArray();
    }

    public StreamingTopK TopK(int channel) => _topK[channel - ChannelStart];
    public ChannelStatistics Statistics(int channel) => _stats[channel - ChannelStart];

    /// <summary>Adds a batch: <paramref name="activations"/> is [batch, LayerChannels, Positions]; image i of the batch has dataset index firstImage + i.</summary>
    /// <param name="skip">Images of the batch to leave out (e.g. undecodable files); none when empty.</param>
    public void Add(ReadOnlySpan<float> activations, int batchSize, int firstImage, ReadOnlySpan<bool> skip = default)
    {
        int perImage = LayerChannels * Positions;
        if (activations.Length < batchSize * perImage)
            throw new ArgumentException($"Layer {LayerId}: expected {batchSize * perImage} values, got {activations.Length}.");
        for (int n = 0; n < batchSize; n++)
        {
            if (!skip.IsEmpty && skip[n]) continue;
            for (int c = 0; c < ChannelCount; c++)
            {
                var map = activations.Slice(n * perImage + (ChannelStart + c) * Positions, Positions);
                float score = SpatialMean.Of(map);
                _stats[c].Add(score);
                if (_topK[c].WouldAccept(score, firstImage + n))
                {
                    var copy = map.ToArray();
                    _topK[c].Offer(score, firstImage + n, () => copy);
                }
            }
        }
    }

    /// <summary>Adds another accumulator of the same layer and channels (e.g. from another image shard).</summary>
    public void Merge(LayerAccumulator other)
    {
        if (other.LayerId != LayerId || other.ChannelStart != ChannelStart || other.ChannelCount != ChannelCount || other.Positions != Positions || other.K != K)
            throw new ArgumentException($"Cannot merge accumulators of different shapes ({LayerId} vs {other.LayerId}).");
        for (int c = 0; c < ChannelCount; c++)
        {
            _topK[c].Merge(other._topK[c]);
            _stats[c].Merge(other._stats[c]);
        }
    }

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            w.Write(LayerId); w.Write(LayerChannels); w.Write(Positions); w.Write(K); w.Write(ChannelStart); w.Write(ChannelCount);
            for (int c = 0; c < ChannelCount; c++)
            {
                _stats[c].Write(w);
                var entries = _topK[c].RawEntries;
                w.Write(entries.Length);
                foreach (var e in entries)
                {
                    w.Write(e.Score); w.Write(e.ImageIndex);
                    foreach (var v in e.Map) w.Write(v);
                }
            }
        }
        return buffer.ToArray();
    }

    public static LayerAccumulator Deserialize(byte[] data)
    {
        using var r = new BinaryReader(new MemoryStream(data));
        if (r.ReadInt32() != FormatVersion) throw new InvalidDataException("Unknown dataset-pass state format; rerun with --restart.");
        var acc = new LayerAccumulator(r.ReadString(), layerChannels: r.ReadInt32(), positions: r.ReadInt32(), k: r.ReadInt32(),
            channelStart: r.ReadInt32(), channelCount: r.ReadInt32());
        for (int c = 0; c < acc.ChannelCount; c++)
        {
            acc._stats[c] = ChannelStatistics.Read(r);
            int n = r.ReadInt32();
            var entries = new List<TopKEntry>(n);
            for (int i = 0; i < n; i++)
            {
                float score = r.ReadSingle();
                int image = r.ReadInt32();
                var map = new float[acc.Positions];
                for (int p = 0; p < map.Length; p++) map[p] = r.ReadSingle();
                entries.Add(new TopKEntry(score, image, map));
            }
            acc._topK[c].RestoreRaw(entries);
        }
        return acc;
    }
}

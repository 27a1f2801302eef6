namespace NeuronAtlas.Core.Activations;

/// <summary>Running statistics of one channel's per-image score: count, mean, std, max, active share, histogram.</summary>
public sealed class ChannelStatistics
{
    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }
    public float Max { get; private set; } = float.NegativeInfinity;
    public long ActiveCount { get; private set; }
    public int[] Histogram { get; } = new int[ActivationHistogram.BinCount];

    public double Mean => Count == 0 ? 0 : Sum / Count;
    public double Std => Count == 0 ? 0 : Math.Sqrt(Math.Max(0, SumOfSquares / Count - Mean * Mean));
    public double ActiveFraction => Count == 0 ? 0 : (double)ActiveCount / Count;

    public void Add(float score)
    {
        Count++;
        Sum += score;
        SumOfSquares += (double)score * score;
        if (score > Max) Max = score;
        if (score > 0) ActiveCount++;
        Histogram[ActivationHistogram.BinOf(score)]++;
    }

    public void Merge(ChannelStatistics other)
    {
        Count += other.Count;
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
        Max = Math.Max(Max, other.Max);
        ActiveCount += other.ActiveCount;
        for (int i = 0; i < Histogram.Length; i++) Histogram[i] += other.Histogram[i];
    }

    internal void Write(BinaryWriter w)
    {
        w.Write(Count); w.Write(Sum); w.Write(SumOfSquares); w.Write(Max); w.Write(ActiveCount);
        foreach (var c in Histogram) w.Write(c);
    }

    internal static ChannelStatistics Read(BinaryReader r)
    {
        var s = new ChannelStatistics
        {
            Count = r.ReadInt64(), Sum = r.ReadDouble(), SumOfSquares = r.ReadDouble(), Max = r.ReadSingle(), ActiveCount = r.ReadInt64(),
        };
        for (int i = 0; i < s.Histogram.Length; i++) s.Histogram[i] = r.ReadInt32();
        return s;
    }
}

namespace NeuronAtlas.Clip.Findings;

/// <summary>The census counts of a control (shuffled words, rotated axes): their mean, 99th percentile and maximum.</summary>
public sealed record ControlStatistics(int Runs, double Mean, double Percentile99, int Max)
{
    /// <summary>The 99th percentile is the nearest-rank one: the smallest count at or above 99 % of the runs.</summary>
    public static ControlStatistics Of(IReadOnlyList<int> counts)
    {
        if (counts.Count == 0) throw new ArgumentException("A control needs at least one run.");
        var sorted = counts.Order().ToArray();
        int rank = (int)Math.Ceiling(0.99 * sorted.Length);
        return new ControlStatistics(sorted.Length, sorted.Average(), sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], sorted[^1]);
    }
}

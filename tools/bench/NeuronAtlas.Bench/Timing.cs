using System.Diagnostics;

namespace NeuronAtlas.Bench;

internal static class Timing
{
    /// <summary>Median wall time of <paramref name="repeats"/> runs, after <paramref name="warmUps"/> untimed runs.</summary>
    public static double MedianMs(Action action, int repeats, int warmUps = 1)
    {
        for (int i = 0; i < warmUps; i++) action();
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}

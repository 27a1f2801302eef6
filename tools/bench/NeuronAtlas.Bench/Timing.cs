using System.Diagnostics;

namespace NeuronAtlas.Bench;

internal static class Timing
{
    /// <summary>Median wall time of <paramref name="repeats"/> runs, after one untimed warm-up run.</summary>
    public static double MedianMs(Action action, int repeats)
    {
        action();
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

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuronAtlas.Bench;

/// <summary>
/// The FP32 FLOP/s a tight fused-multiply-add loop on 512-bit vectors reaches on every core at once: 12 independent vector
/// accumulators per thread (more than FMA latency x FMA units, so the units never wait), no memory traffic.
/// What no real kernel beats; it backs the FMA-units and clock assumptions of <see cref="CpuPeak"/>.
/// </summary>
internal static class FmaLoop
{
    private const int Accumulators = 12;

    /// <summary>The best of several short runs, so that a run the scheduler interrupted does not count.</summary>
    public static double MeasureGigaFlops(int threads, int runs = 7)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("The FMA loop needs 512-bit vectors (AVX-512).");
        long iterations = 1 << 20;
        while (Run(1, iterations).TotalSeconds < 0.2) iterations *= 2;
        var best = Enumerable.Range(0, runs).Min(_ => Run(threads, iterations).TotalSeconds);
        return threads * iterations * Accumulators * 2.0 * Lanes / best / 1e9;
    }

    /// <summary>
    /// The core clock a running thread gets, in GHz: a chain of dependent 1-cycle integer operations (add, xor)
    /// retires one per cycle. Best of several runs; includes turbo, which /proc/cpuinfo does not show.
    /// </summary>
    public static double MeasureClockGHz(int runs = 7)
    {
        const long iterations = 100_000_000;
        var best = Enumerable.Range(0, runs).Min(_ =>
        {
            var clock = Stopwatch.StartNew();
            if (DependentChain(iterations) == 42) Console.Write("");
            return clock.Elapsed.TotalSeconds;
        });
        return 4.0 * iterations / best / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long DependentChain(long iterations)
    {
        long x = 0;
        for (long i = 0; i < iterations; i++)
        {
            x += i; x ^= 0x5bd1e995;
            x += i; x ^= 0x1b873593;
        }
        return x;
    }

    public static int Lanes => Vector512<float>.Count;

    /// <summary>Whether this CPU runs 512-bit vectors natively; the loop is written for them only.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    private static TimeSpan Run(int threads, long iterations)
    {
        var clock = Stopwatch.StartNew();
        var sums = new float[threads];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
            sums[i] = Loop512(iterations))).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (sums.Any(float.IsNaN)) throw new InvalidOperationException("The FMA loop diverged.");
        return clock.Elapsed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var c = Vector512.Create(1e-6f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}

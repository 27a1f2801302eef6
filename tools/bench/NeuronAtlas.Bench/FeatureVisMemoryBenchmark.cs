using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.Bench;

/// <summary>
/// Resident memory of one feature-vis renderer over many renders with different objectives (tiny renders: 1 step,
/// 64 px). Each objective builds a new gradient session, so every render evicts one from the renderer's session cache;
/// an evicted session left to the finalizer keeps its native memory, which the garbage collector does not see.
/// </summary>
internal static class FeatureVisMemoryBenchmark
{
    private const int WarmUp = 50;
    private const int Renders = 200;
    private const int ReportEvery = 50;

    public static async Task RunAsync()
    {
        var manifest = ModelManifestLoader.Load(Path.Combine(AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json"));
        using var renderer = new FeatureVisRenderer(manifest);
        var options = new RenderOptions { Steps = 1, ImageSize = 64, ProgressImageEvery = 0 };
        // layer3 has 256 channels: every render below has an objective of its own.
        Task Render(int i) => renderer.RenderAsync(LayerObjective.Channel("layer3", i), options);

        for (int i = 0; i < WarmUp; i++) await Render(i);
        var clock = Stopwatch.StartNew();
        var warm = Measure();
        var rows = new List<string> { Row($"after {WarmUp} warm-up renders", warm, warm) };
        for (int i = 0; i < Renders; i++)
        {
            await Render(WarmUp + i);
            if ((i + 1) % ReportEvery != 0) continue;
            rows.Add(Row($"after {i + 1} more renders", Measure(), warm));
        }

        Console.WriteLine($"""
            ## Feature-vis renderer memory over {Renders} renders with different objectives

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- feature-vis-memory`
            ResNet18, objectives layer3:0 … layer3:{WarmUp + Renders - 1}, 1 step at 64 px each, {FeatureVisRenderer.SessionCacheSize} gradient sessions cached;
            RSS (VmRSS) after a full, compacting garbage collection; then again after glibc's malloc_trim(0), which hands
            memory that native code has freed back to the system (what is left is memory still in use); and the managed heap.
            {Renders} renders took {clock.Elapsed.TotalSeconds:F0} s.

            | when | RSS (MB) | RSS after malloc_trim (MB) | managed heap (MB) |
            |---|---|---|---|
            {string.Join("\n", rows)}

            """);
    }

    private record struct Memory(long RssKb, long TrimmedRssKb, long ManagedKb);

    private static string Row(string when, Memory m, Memory warm) =>
        $"| {when} | {Mb(m.RssKb, warm.RssKb)} | {Mb(m.TrimmedRssKb, warm.TrimmedRssKb)} | {Mb(m.ManagedKb, warm.ManagedKb)} |";

    private static string Mb(long kb, long warmKb) =>
        kb == warmKb ? $"{kb / 1024.0:F0}" : $"{kb / 1024.0:F0} ({(kb - warmKb) / 1024.0:+0;-0;0})";

    /// <summary>After a full, compacting collection and the finalizers it queued.</summary>
    private static Memory Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long rss = RssKb();
        MallocTrim(0);
        return new Memory(rss, RssKb(), GC.GetTotalMemory(forceFullCollection: false) / 1024);
    }

    private static long RssKb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS"));
        return long.Parse(line.Split(':')[1].Trim().Split(' ')[0]);
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}

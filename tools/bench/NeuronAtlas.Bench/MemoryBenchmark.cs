using System.Diagnostics;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Bench;

/// <summary>Peak resident memory of a dataset pass over N and 4N images, each in a fresh process.</summary>
internal static class MemoryBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        int n = Math.Max(64, options.Images / 4);
        var rows = new List<(int Images, long PeakKb, double Seconds)>();
        foreach (int images in new[] { n, 4 * n })
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(MemoryBenchmark).Assembly.Location, "memory-probe", "--images", images.ToString(), "--dataset", options.Dataset })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            var parts = output.Trim().Split(' ');
            rows.Add((images, long.Parse(parts[0]), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        Console.WriteLine($"""
            ## Peak memory of the dataset pass (ResNet18, all four stages, k = 16)

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- memory --images {4 * n}`

            | images | peak RSS (MiB) | seconds |
            |---|---|---|
            {string.Join("\n", rows.Select(r => $"| {r.Images} | {r.PeakKb / 1024.0:F0} | {r.Seconds:F1} |"))}
            | **ratio 4x / 1x (target: flat, ≈ 1.0)** | **{(double)rows[1].PeakKb / rows[0].PeakKb:F2}** | |

            """);
    }

    /// <summary>Runs one pass and prints "peakKb seconds" (VmHWM from /proc/self/status).</summary>
    public static async Task ProbeAsync(BenchOptions options)
    {
        var root = AtlasPaths.FindRoot();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        using var source = ImageSources.Open(options.Dataset, root);
        if (options.Images > source.Count) throw new ArgumentException($"The dataset has {source.Count} images; asked for {options.Images}.");
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-bench-").FullName, "atlas.db");
        var result = await new DatasetPass(new DatasetPassOptions { Model = manifest, CatalogPath = catalog, ImageCount = options.Images }).RunAsync(source);
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM")).Split(':')[1].Trim().Split(' ')[0];
        Console.WriteLine($"{hwm} {result.Elapsed.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}

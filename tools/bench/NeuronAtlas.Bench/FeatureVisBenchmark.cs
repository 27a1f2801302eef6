using System.Diagnostics;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.Bench;

/// <summary>
/// Seconds per feature-visualization step (parameterization, transforms, forward, backward, Adam) for 8 ResNet18
/// layer4 neurons at a 224 px input, against PyTorch autograd on the same weights (tools/bench/torch_featurevis_step.py).
/// </summary>
internal static class FeatureVisBenchmark
{
    private const int Batch = 8;
    private const int Steps = 10;

    public static async Task RunAsync(BenchOptions options)
    {
        var root = AtlasPaths.FindRoot();
        var loadBefore = MachineInfo.LoadAverage();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        using var renderer = new FeatureVisRenderer(manifest);
        var channels = Enumerable.Range(0, Batch).ToArray();
        // Warm-up: builds the gradient graph and its session, which the measured run reuses.
        await renderer.RenderChannelsAsync("layer4", channels, new RenderOptions { Steps = 2, ProgressImageEvery = 0 });
        var result = await renderer.RenderChannelsAsync("layer4", channels, new RenderOptions { Steps = Steps, ProgressImageEvery = 0 });
        var t = result.Timings;
        double PerStep(TimeSpan span) => span.TotalSeconds / Steps;

        var torch = RunTorch(root);
        var loadAfter = MachineInfo.LoadAverage();
        var torchStep = torch.Output.Split('\n').FirstOrDefault(l => l.StartsWith("full step"))?.Split("median ")[1].Split(' ')[0];
        bool baseline = torch.Output.Contains("optimized BLAS: yes");
        var ratio = torchStep is null ? "no ratio: the PyTorch run failed"
            : !baseline ? "no ratio: PyTorch ran on the reference BLAS, which is no baseline. Select OpenBLAS (docs/benchmarks.md, \"Setup\") and rerun"
            : $"**NeuronAtlas / PyTorch time per step (target ≤ 0.8x): {PerStep(t.Total):F3} / {torchStep} = {PerStep(t.Total) / double.Parse(torchStep, System.Globalization.CultureInfo.InvariantCulture):F2}x**";
        Console.WriteLine($"""
            ## Feature visualization step (ResNet18 layer4, batch {Batch}, 128 px image resized to a 224 px input)

            Machine: {MachineInfo.Describe()}; load average {loadBefore} before, {loadAfter} after
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- feature-vis` (runs `/usr/bin/python3 tools/bench/torch_featurevis_step.py --steps {Steps}`)

            | what | s per step |
            |---|---|
            | NeuronAtlas: whole step | {PerStep(t.Total):F3} |
            | NeuronAtlas: gradient graph on ONNX Runtime (forward + backward) | {PerStep(t.Model):F3} |
            | NeuronAtlas: FFT parameterization, colour, sigmoid (forward + backward) | {PerStep(t.Parameterization):F3} |
            | NeuronAtlas: transforms, resize, normalization (forward + adjoint) | {PerStep(t.Transforms):F3} |
            | NeuronAtlas: Adam | {PerStep(t.Update):F4} |
            | **NeuronAtlas: share of parameterization + transforms (target < 10 %)** | **{t.ImagePipelineShare:P1}** |

            PyTorch {torch.Version}, same weights and pipeline:

            ```
            {torch.Output.Trim()}
            ```

            {ratio}.

            """);
    }

    private static (string Version, string Output) RunTorch(string root)
    {
        var script = Path.Combine(root, "tools", "bench", "torch_featurevis_step.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "--steps", Steps.ToString(), "--batch", Batch.ToString() }) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var output = stdout.Result + (process.ExitCode == 0 ? "" : stderr.Result);
            var version = output.Split('\n').FirstOrDefault(l => l.StartsWith("torch "))?.Split(',')[0]["torch ".Length..] ?? "?";
            return (version, process.ExitCode == 0 ? output : $"failed (exit {process.ExitCode}):\n{output}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ("missing", "/usr/bin/python3 not found: install python3-torch, python3-torchvision and python3-onnx (Debian).");
        }
    }
}

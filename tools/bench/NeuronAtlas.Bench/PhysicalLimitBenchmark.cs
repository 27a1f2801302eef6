using NeuronAtlas.Core;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Analysis;
using Onnx;

namespace NeuronAtlas.Bench;

/// <summary>
/// The fraction of this CPU's peak FP32 FLOP/s that ONNX Runtime reaches: FLOPs counted from the ONNX graph
/// (<see cref="FlopCounter"/>), divided by the measured forward time, divided by the peak (<see cref="CpuPeak"/>, and
/// the FMA loop's measured ceiling). ResNet18 at 224 px, batch 1 and 16; with --export DIR also a CLIP export
/// (tools/clip_export, e.g. --random-init RN50x4), batch 1 and 8. Prints Markdown.
/// Usage: physical-limit [--export DIR] [--repeats N] [--fma-units N]
/// </summary>
internal static class PhysicalLimitBenchmark
{
    public static void Run(string[] args)
    {
        string? Get(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var root = AtlasPaths.FindRoot();
        int repeats = int.TryParse(Get("--repeats"), out var r) ? r : 5;
        var peak = CpuPeak.FromCpuInfo(int.TryParse(Get("--fma-units"), out var u) ? u : null);
        var loadBefore = MachineInfo.LoadAverage();
        double clock = FmaLoop.MeasureClockGHz();
        // /proc/cpuinfo shows the nominal clock; under a hypervisor the cores may run faster, which the peak must use.
        var measuredPeak = peak with { ClockGHz = clock };
        double loopAll = FmaLoop.IsSupported ? FmaLoop.MeasureGigaFlops(Environment.ProcessorCount) : double.NaN;
        double loopOne = FmaLoop.IsSupported ? FmaLoop.MeasureGigaFlops(1) : double.NaN;
        double unitsSeen = loopOne / (FmaLoop.Lanes * 2 * clock);
        var loopLine = FmaLoop.IsSupported
            ? $"FMA loop ({FmaLoop.Lanes} lanes, 12 independent accumulators, no memory traffic): {loopAll:F1} GFLOP/s on {Environment.ProcessorCount} threads ({loopAll / measuredPeak.GigaFlops:P0} of the peak at the measured clock, {loopAll / peak.GigaFlops:P0} of the nominal one), {loopOne:F1} GFLOP/s on 1 thread, that is {unitsSeen:F2} vector FMAs per cycle at the clock below (the FMA units in use)."
            : "FMA loop: not measured (it is written for 512-bit vectors, which this CPU does not run natively).";

        var models = new List<(ModelManifest Manifest, int[] Batches)>
        {
            (ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json")), [1, 16]),
        };
        if (Get("--export") is { } export) models.Add((ModelManifestLoader.Load(Path.Combine(Path.GetFullPath(export), "manifest.json")), [1, 8]));

        var rows = new List<string>();
        foreach (var (manifest, batches) in models)
        {
            var onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest)));
            using var extractor = ActivationExtractor.Create(manifest, new InferenceOptions());
            foreach (var batch in batches)
            {
                var count = FlopCounter.Count(onnx, manifest.Input.Name, [batch, 3, manifest.Input.Height, manifest.Input.Width]);
                if (count.UncountedOpTypes.Count > 0)
                    Console.Error.WriteLine($"{manifest.Id}: not counted: {string.Join(", ", count.UncountedOpTypes.Keys)}");
                var input = ClipBenchmark.RandomInput(batch * 3 * manifest.Input.Height * manifest.Input.Width);
                double ms = Timing.MedianMs(() => { using var _ = extractor.Run(input, batch); }, repeats);
                double achieved = count.Total / (ms / 1000) / 1e9;
                rows.Add($"| {manifest.Id} | {batch} | {manifest.Input.Width} px | {count.MultiplyAddFlops / 1e9:F2} | {count.Total / 1e9:F2} | {ms:F1} | {achieved:F1} | " +
                         $"{achieved / measuredPeak.GigaFlops:P1} | {achieved / peak.GigaFlops:P1} | {(FmaLoop.IsSupported ? (achieved / loopAll).ToString("P1") : "–")} |");
            }
        }

        Console.WriteLine($"""
            ## Physical limit: ONNX Runtime's share of this CPU's peak FP32 FLOP/s

            Machine: {MachineInfo.Describe()}; load average {loadBefore} before, {MachineInfo.LoadAverage()} after
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- physical-limit{(Get("--export") is null ? "" : " --export DIR")}`

            Peak (derived, nominal clock): {peak.Derivation}; FMA units {peak.FmaUnitsReason}.
            Peak at the measured clock: {measuredPeak.Derivation}.
            {loopLine}
            Clock a thread runs at (a chain of dependent integer adds and xors, one per cycle): {clock:F2} GHz.

            ONNX Runtime CPU provider, all cores, the model's graph with its atlas layers exposed; median of {repeats} runs after warm-up.
            FLOPs from the graph: 2 x the multiply-adds of Conv/Gemm/MatMul, plus the rest (normalization, elementwise, pooling).

            | model | batch | input | multiply-add GFLOPs | all GFLOPs | ms | GFLOP/s | of the peak at the measured clock | of the nominal peak | of FMA loop |
            |---|---|---|---|---|---|---|---|---|---|
            {string.Join("\n", rows)}
            """);
    }
}

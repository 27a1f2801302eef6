using System.Diagnostics;
using System.Text.Json;
using NeuronAtlas.Core;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.TextVis;

namespace NeuronAtlas.Bench;

/// <summary>
/// CLIP on ONNX Runtime against PyTorch on the same weights, in the same run: image forward at batch 1 and 8,
/// text-embedding throughput, and the text-vis precompute cost per 1000 phrases. Prints Markdown.
/// Usage: clip --export DIR [--repeats N] [--phrases N] [--text-batch N]   (DIR from tools/clip_export, e.g. --random-init RN50x4)
/// </summary>
internal static class ClipBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        string? Get(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var root = AtlasPaths.FindRoot();
        var exportDir = Path.GetFullPath(Get("--export") ?? Path.Combine(root, "data", "models", "clip-rn50x4"));
        int repeats = int.TryParse(Get("--repeats"), out int r) ? r : 5;
        int phrases = int.TryParse(Get("--phrases"), out int p) ? p : 32;
        int textBatch = int.TryParse(Get("--text-batch"), out int t) ? t : 8;
        var loadBefore = MachineInfo.LoadAverage();
        var manifest = ModelManifestLoader.Load(Path.Combine(exportDir, "manifest.json"));
        var inference = new InferenceOptions();

        var torch = Torch(root, exportDir, repeats, textBatch);
        bool baseline = torch.TryGetProperty("blasOptimized", out var optimized) && optimized.GetBoolean();
        string Ratio(double ortMs, double torchMs) => baseline ? $"{ortMs / torchMs:F2}x" : "– (reference BLAS: not a baseline)";
        var rows = new List<string>();
        var imageRatios = new List<string>();
        using (var all = ActivationExtractor.Create(manifest, inference))
        using (var embeddingOnly = ClipImageEncoder.Load(manifest, inference))
        {
            foreach (int batch in new[] { 1, 8 })
            {
                var input = RandomInput(batch * 3 * manifest.Input.Width * manifest.Input.Height);
                double allMs = Timing.MedianMs(() => { using var _ = all.Run(input, batch); }, repeats);
                double embeddingMs = Timing.MedianMs(() => embeddingOnly.EmbedRaw(input, batch), repeats);
                double torchMs = torch.GetProperty("image").GetProperty($"batch{batch}").GetProperty("medianMs").GetDouble();
                rows.Add($"| image forward, batch {batch} (embedding + every atlas layer) | {allMs:F0} ms ({1000 * batch / allMs:F2} img/s) | {torchMs:F0} ms ({1000 * batch / torchMs:F2} img/s) | {Ratio(allMs, torchMs)} |");
                imageRatios.Add($"{allMs / torchMs:F2}x (batch {batch})");
                rows.Add($"| image forward, batch {batch} (embedding output only) | {embeddingMs:F0} ms ({1000 * batch / embeddingMs:F2} img/s) | | |");
            }
        }
        using (var text = ClipTextEncoder.Load(manifest, inference))
        {
            var tokens = TextVisVocabulary.FromFile(TextVisVocabulary.ShippedPath(root)).Phrases.Take(textBatch).Select(text.Tokenize).ToList();
            double ortMs = Timing.MedianMs(() => text.EmbedTokens(tokens), repeats);
            double torchMs = torch.GetProperty("text").GetProperty("medianMs").GetDouble();
            rows.Add($"| text embedding, batch {textBatch} | {ortMs:F0} ms ({1000 * textBatch / ortMs:F1} texts/s) | {torchMs:F0} ms ({1000 * textBatch / torchMs:F2} texts/s) | {Ratio(ortMs, torchMs)} |");
        }

        var textVis = await TextVisCost(root, manifest, phrases);
        Console.WriteLine($"""
            ## CLIP {manifest.Id}: ONNX Runtime vs PyTorch on the same weights

            {MachineInfo.Describe()}; load average {loadBefore} before, {MachineInfo.LoadAverage()} after; ONNX Runtime CPU provider (all cores), PyTorch {torch.GetProperty("torch").GetString()} with {torch.GetProperty("threads").GetInt32()} threads; median of {repeats} runs after warm-up; weights: {torch.GetProperty("weights").GetString()}.

            | measurement | ONNX Runtime (.NET) | PyTorch | ONNX Runtime / PyTorch time |
            |---|---|---|---|
            {string.Join("\n", rows)}

            PyTorch's {torch.GetProperty("blas").GetString()}; {torch.GetProperty("convolutions").GetString()}.
            {(baseline
                ? $"**Image embedding, ONNX Runtime / PyTorch time (target ≤ 0.8x): {string.Join(", ", imageRatios)}.**"
                : "No ratio: PyTorch ran on the reference BLAS, which is no baseline. Select OpenBLAS (docs/benchmarks.md, \"Setup\") and rerun.")}

            Text-vis precompute ({phrases} phrases x 4 renderings, batch 4 phrases, layer {manifest.Layers[0].Id}, including rendering, text embeddings, checkpoints, writing top phrases and labels): {textVis.TotalSeconds:F0} s, i.e. {textVis.TotalSeconds * 1000 / phrases / 60:F0} min per 1000 phrases.
            """);
    }

    private static JsonElement Torch(string root, string exportDir, int repeats, int textBatch)
    {
        var script = Path.Combine(root, "tools", "clip_export", "bench_torch.py");
        var start = new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" --export-dir \"{exportDir}\" --threads {Environment.ProcessorCount} --repeats {repeats} --text-batch {textBatch}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bench_torch.py failed ({process.ExitCode}): {error.Result}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<TimeSpan> TextVisCost(string root, ModelManifest manifest, int phrases)
    {
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-clip-bench-").FullName, "atlas.db");
        using (var source = Core.Datasets.ImageSources.Open("emoji", root))
            await new Core.Activations.DatasetPass(new Core.Activations.DatasetPassOptions
            {
                Model = manifest, CatalogPath = catalog, Layers = [manifest.Layers[0].Id], ImageCount = 8, BatchSize = 8,
            }).RunAsync(source);
        var clock = Stopwatch.StartNew();
        await new TextVisPass(new TextVisOptions
        {
            Model = manifest, CatalogPath = catalog, FontsDirectory = Path.Combine(root, "data", "fonts"),
            Phrases = TextVisVocabulary.FromFile(TextVisVocabulary.ShippedPath(root)).Phrases.Take(phrases).ToList(),
        }).RunAsync();
        return clock.Elapsed;
    }

    internal static float[] RandomInput(int length)
    {
        var rng = new Random(0);
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(rng.NextDouble() * 4 - 2);
        return data;
    }
}

using System.Diagnostics;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Bench;

/// <summary>
/// Upload lookup (issue 9's targets), all in one run: bare ONNX Runtime on the lookup's graph (ResNet18 with its four
/// stage outputs, batch 1, two sessions of one intra-op thread each, as many runs at once: the best an unbatched
/// server could do on 2 cores); a bare single decode (the uploads' reduced-scale Skia decode) + preprocess + infer on the
/// lookup's session settings; the decode alone, ImageSharp's full vs Skia's full and reduced-scale; then a
/// Release server of its own (<see cref="SoakServer"/>, rate limits off) on loopback: lookups of a 1-megapixel JPEG at
/// 8 concurrent users (throughput, p50, p95) and for one user (p50). Options: --seconds S per phase (10),
/// --catalog PATH (the soak's catalog under the temp folder by default, built by the server on its first start),
/// --no-build.
/// </summary>
internal static class LookupBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        string? Get(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int seconds = int.TryParse(Get("--seconds"), out var s) ? s : 10;
        string catalog = Get("--catalog") ?? Path.Combine(Path.GetTempPath(), "neuronatlas-soak", "atlas.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(catalog))!);
        var root = AtlasPaths.FindRoot();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        var jpeg = WebLatencyBenchmark.OneMegapixelJpeg();
        // The lookup's sessions: one intra-op thread each when 2 inference slots share 2 cores (ExtractorPool).
        int threads = Math.Max(1, Environment.ProcessorCount / 2);
        var sessionOptions = new InferenceOptions { IntraOpThreads = threads };

        double bare = BareThroughput(manifest, sessionOptions, sessions: 2, seconds);
        var bareSingle = WebLatencyBenchmark.BareInference(manifest, jpeg, runs: Math.Max(10, seconds * 4), sessionOptions);
        var decode = DecodeBenchmark.Measure(jpeg, new ImagePreprocessor(manifest), runs: Math.Max(10, seconds * 4));

        await using var server = await SoakServer.StartAsync(root, catalog, build: !args.Contains("--no-build"), "--RateLimits:Enabled=false");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
        Console.Error.WriteLine($"Server at {server.Url}; waiting for its catalog ({catalog}).");
        await server.WaitHealthyAsync(http, TimeSpan.FromMinutes(30));
        var eight = await WebLatencyBenchmark.Measure(http, 8, seconds, int.MaxValue, (c, _) => WebLatencyBenchmark.PostLookup(c, jpeg));
        var one = await WebLatencyBenchmark.Measure(http, 1, seconds, int.MaxValue, (c, _) => WebLatencyBenchmark.PostLookup(c, jpeg));

        Console.WriteLine($"""
            ## Upload lookup, batched across users (#9)

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- lookup --seconds {seconds}`
            (it builds and starts its own Release server on 127.0.0.1 with rate limits off; appsettings.json's `Uploads` otherwise)

            | what | users | requests | per second | p50 ms | p95 ms | errors |
            |---|---|---|---|---|---|---|
            | bare ONNX Runtime, ResNet18 with 4 stage outputs, batch 1, 2 sessions of {threads} thread(s) running at once (baseline) | 2 | | {bare:F1} | | | |
            | bare decode (Skia, reduced scale, as uploads) + preprocess + infer of the 1 MP JPEG, one at a time, {threads} thread(s) (baseline) | 1 | {bareSingle.Count} | | {bareSingle.P50:F1} | {bareSingle.P95:F1} | 0 |
            | lookup POST /api/lookup, 1 MP JPEG | 8 | {eight.Count} | {eight.PerSecond:F1} | {eight.P50:F1} | {eight.P95:F1} | {eight.Errors} |
            | lookup POST /api/lookup, 1 MP JPEG | 1 | {one.Count} | {one.PerSecond:F1} | {one.P50:F1} | {one.P95:F1} | {one.Errors} |

            8 users: throughput {eight.PerSecond / bare:F2}x bare (target ≥ 0.8x), p95 {eight.P95:F0} ms (target ≤ 150 ms).
            1 user: p50 {one.P50 / bareSingle.P50:F2}x a bare single decode + infer (target ≤ 1.5x).

            Decoding the 1155x866 JPEG alone, one at a time, median of {Math.Max(10, seconds * 4)}: ImageSharp 2.1.13 full
            decode {decode.ImageSharpFullMs:F1} ms; Skia full decode {decode.SkiaFullMs:F1} ms; Skia reduced-scale decode to
            {decode.ScaledSize} (what uploads get) {decode.SkiaScaledMs:F1} ms ({decode.ImageSharpFullMs / decode.SkiaScaledMs:F1}x faster than ImageSharp's).

            """);
    }

    /// <summary>Images per second of <paramref name="sessions"/> sessions each running batch-1 inference in its own loop at once.</summary>
    private static double BareThroughput(ModelManifest manifest, InferenceOptions options, int sessions, int seconds)
    {
        var extractors = Enumerable.Range(0, sessions).Select(_ => ActivationExtractor.Create(manifest, options)).ToList();
        try
        {
            var preprocessor = new ImagePreprocessor(manifest);
            var input = new float[preprocessor.TensorLength];
            using (var image = WebLatencyBenchmark.Pattern(manifest.Input.Width, manifest.Input.Height)) preprocessor.Preprocess(image, input);
            foreach (var extractor in extractors) extractor.Run(input, 1).Dispose(); // warm-up
            long runs = 0;
            var clock = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            var loops = extractors.Select(extractor => Task.Run(() =>
            {
                while (clock.Elapsed < deadline)
                {
                    extractor.Run(input, 1).Dispose();
                    Interlocked.Increment(ref runs);
                }
            })).ToArray();
            Task.WaitAll(loops);
            return runs / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var extractor in extractors) extractor.Dispose();
        }
    }
}

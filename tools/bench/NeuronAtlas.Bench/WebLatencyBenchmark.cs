using System.Diagnostics;
using System.Net.Http.Headers;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Bench;

/// <summary>
/// Server latency of the neuron page (32 concurrent connections) and of upload lookup (1-megapixel JPEG, 8 concurrent users),
/// against a running NeuronAtlas server on loopback (--url, default http://127.0.0.1:5288). Request loops are bounded in count and time.
/// </summary>
internal static class WebLatencyBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var baseUrl = (options.Url ?? "http://127.0.0.1:5288").TrimEnd('/');
        var uri = new Uri(baseUrl);
        if (!uri.IsLoopback) throw new ArgumentException("The web benchmark only targets a server on this machine's loopback address.");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };

        var neuronUrls = Enumerable.Range(0, 512).Select(i => $"/models/resnet18/layer4/{i}").ToArray();
        var staticFile = await Measure(http, 32, options.Seconds, 4000, (c, i) => c.GetAsync("/app.css"));
        // First touch of every neuron page, one at a time: rendered from the catalog, then kept in the output cache.
        var firstTouch = await Measure(http, 1, options.Seconds * 6, neuronUrls.Length, (c, i) => c.GetAsync(neuronUrls[(i - 1) % neuronUrls.Length]), warmUp: false);
        var neuron = await Measure(http, 32, options.Seconds, 4000, (c, i) => c.GetAsync(neuronUrls[i % neuronUrls.Length]));

        var jpeg = OneMegapixelJpeg();
        var root = AtlasPaths.FindRoot();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        var bare = BareInference(manifest, jpeg, 40);
        var lookup = await Measure(http, 8, options.Seconds, 400, (c, _) => PostLookup(c, jpeg));

        Console.WriteLine($"""
            ## Web latency (server on loopback, load from the same machine)

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project src/NeuronAtlas.Web --urls http://127.0.0.1:5288` then
            `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- web --seconds {options.Seconds}`

            | what | concurrency | requests | p50 ms | p95 ms | errors |
            |---|---|---|---|---|---|
            | static file /app.css (baseline) | 32 | {staticFile.Count} | {staticFile.P50:F1} | {staticFile.P95:F1} | {staticFile.Errors} |
            | neuron page, first request of each of 512 pages (rendered from the catalog), one at a time | 1 | {firstTouch.Count} | {firstTouch.P50:F1} | {firstTouch.P95:F1} | {firstTouch.Errors} |
            | neuron page /models/resnet18/layer4/N, 32 connections (target p95 ≤ 20 ms) | 32 | {neuron.Count} | {neuron.P50:F1} | {neuron.P95:F1} | {neuron.Errors} |
            | bare ResNet18 decode + preprocess + inference, in-process, one at a time (baseline) | 1 | {bare.Count} | {bare.P50:F1} | {bare.P95:F1} | 0 |
            | upload lookup POST /api/lookup, 1-megapixel JPEG (target p95 ≤ 150 ms) | 8 | {lookup.Count} | {lookup.P50:F1} | {lookup.P95:F1} | {lookup.Errors} |

            Neuron page p95 / static file p95: {neuron.P95 / Math.Max(0.01, staticFile.P95):F1}x. Lookup p50 / bare inference p50: {lookup.P50 / bare.P50:F1}x.

            """);
    }

    /// <param name="Seconds">Wall time of the measured requests (after the warm-up), for throughput.</param>
    internal sealed record Latencies(int Count, double P50, double P95, int Errors, double Seconds = double.NaN)
    {
        public double PerSecond => Count / Seconds;
    }

    internal static async Task<Latencies> Measure(HttpClient http, int concurrency, int seconds, int maxRequests,
        Func<HttpClient, int, Task<HttpResponseMessage>> send, bool warmUp = true)
    {
        if (warmUp)
            for (int i = 0; i < Math.Min(concurrency, 8); i++) (await send(http, i)).Dispose();
        var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
        int errors = 0, issued = 0;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (DateTime.UtcNow < deadline)
            {
                int n = Interlocked.Increment(ref issued);
                if (n > maxRequests) break;
                var sw = Stopwatch.StartNew();
                using var response = await send(http, n);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                if (response.IsSuccessStatusCode) samples.Add(sw.Elapsed.TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        }));
        double elapsed = clock.Elapsed.TotalSeconds;
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? new(0, double.NaN, double.NaN, errors, elapsed)
            : new(sorted.Length, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)], errors, elapsed);
    }

    /// <summary>
    /// Decode + preprocess + infer of the JPEG, one at a time. The decode is the best the app has: Skia's reduced-scale
    /// JPEG decode, as uploads get, so the baseline is fair.
    /// </summary>
    /// <param name="options">The session's options; every core by default.</param>
    internal static Latencies BareInference(ModelManifest manifest, byte[] jpeg, int runs, InferenceOptions? options = null)
    {
        using var extractor = ActivationExtractor.Create(manifest, options ?? new InferenceOptions());
        var pre = new ImagePreprocessor(manifest);
        var input = new float[pre.TensorLength];
        var times = new List<double>();
        for (int i = 0; i < runs + 3; i++)
        {
            var sw = Stopwatch.StartNew();
            using (var image = DecodeBenchmark.ScaledDecode(jpeg, pre)) pre.Preprocess(image, input);
            using (extractor.Run(input, 1)) { }
            if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var sorted = times.Order().ToArray();
        return new(sorted.Length, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)], 0);
    }

    /// <summary>Gradients and an XOR texture: an image that is neither flat nor noise.</summary>
    internal static Image<Rgb24> Pattern(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x ^ y) & 0xff));
        return image;
    }

    /// <summary>A ResNet18 lookup of the JPEG, as a browser's form sends it.</summary>
    internal static Task<HttpResponseMessage> PostLookup(HttpClient http, byte[] jpeg)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "image", "photo.jpg");
        return http.PostAsync("/api/lookup?model=resnet18", form);
    }

    internal static byte[] OneMegapixelJpeg()
    {
        using var image = Pattern(1155, 866);
        using var ms = new MemoryStream();
        image.SaveAsJpeg(ms);
        return ms.ToArray();
    }
}

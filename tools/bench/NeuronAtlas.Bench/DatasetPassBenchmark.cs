using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Graph;
using Onnx;

namespace NeuronAtlas.Bench;

/// <summary>Images per second of the whole dataset pass against bare InferenceSession.Run on the same preprocessed batches.</summary>
internal static class DatasetPassBenchmark
{
    private const int Batch = 16;

    public static async Task RunAsync(BenchOptions options)
    {
        var root = AtlasPaths.FindRoot();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        using var source = ImageSources.Open(options.Dataset, root);
        int count = Math.Min(options.Images, source.Count);

        // Baseline: the prepared model (same exposed layers), batches already decoded and preprocessed in memory.
        var preprocessor = new ImagePreprocessor(manifest);
        var batches = new List<float[]>();
        for (int first = 0; first < count; first += Batch)
        {
            int n = Math.Min(Batch, count - first);
            var tensor = new float[n * preprocessor.TensorLength];
            for (int i = 0; i < n; i++)
            {
                using var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(first + i));
                preprocessor.Preprocess(image, tensor.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
            }
            batches.Add(tensor);
        }
        var model = ModelGraphPreparer.Prepare(ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest))),
            manifest.Layers.Select(l => l.Tensor));
        var outputs = manifest.Layers.Select(l => l.Tensor).ToArray();
        double bare;
        using (var session = new InferenceSession(model.ToByteArray(), new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL }))
        {
            RunBare(session, manifest, batches.Take(2), outputs); // warm-up
            var sw = Stopwatch.StartNew();
            RunBare(session, manifest, batches, outputs);
            bare = count / sw.Elapsed.TotalSeconds;
        }

        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-bench-").FullName, "atlas.db");
        var result = await new DatasetPass(new DatasetPassOptions { Model = manifest, CatalogPath = catalog, BatchSize = Batch, ImageCount = count })
            .RunAsync(source);
        double pipeline = count / result.Elapsed.TotalSeconds;
        double streaming = count / result.StreamingElapsed.TotalSeconds;

        Console.WriteLine($"""
            ## Dataset pass throughput (ResNet18, all four stages exposed, batch {Batch})

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- dataset-pass --images {count}`

            | what | images/s |
            |---|---|
            | bare `InferenceSession.Run` on preprocessed batches (baseline) | {bare:F1} |
            | dataset pass, streaming phase: read, decode, resize, infer, top-k + stats, checkpoints | {streaming:F1} |
            | whole dataset pass, also model loading and the catalog write ({result.CatalogWriteElapsed.TotalSeconds:F1} s) | {pipeline:F1} |
            | **ratio, streaming phase (target ≥ 0.80)** | **{streaming / bare:F2}** |
            | ratio, whole run | {pipeline / bare:F2} |

            """);
    }

    private static void RunBare(InferenceSession session, ModelManifest manifest, IEnumerable<float[]> batches, string[] outputs)
    {
        foreach (var tensor in batches)
        {
            int n = tensor.Length / (3 * manifest.Input.Width * manifest.Input.Height);
            using var value = OrtValue.CreateTensorValueFromMemory(tensor, [n, 3, manifest.Input.Height, manifest.Input.Width]);
            using var runOptions = new RunOptions();
            using var result = session.Run(runOptions, [manifest.Input.Name], [value], outputs);
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Graph;
using NeuronAtlas.Onnx.Quantization;
using Onnx;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>
/// precompute quantize: writes a model's int8 graph (static QDQ, min/max calibrated on dataset images) beside it, then
/// measures it against the float graph: batch-1 speed and the lookup's top-k overlap per layer.
/// </summary>
internal static class QuantizeCommand
{
    private const int CalibrationBatch = 16;

    public static Command Create()
    {
        var model = CommonOptions.Model();
        var dataset = new Option<string>("--dataset", "-d") { Description = "Images to calibrate and measure on: a dataset under data/datasets or a folder.", DefaultValueFactory = _ => "emoji" };
        var calibration = new Option<int>("--calibration-images") { Description = "Images, evenly spaced over the dataset, whose activation ranges set the quantization.", DefaultValueFactory = _ => 256 };
        var evaluation = new Option<int>("--eval-images") { Description = "Images, evenly spaced over the dataset, to measure on; 0 measures on all of them.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads of both measured sessions (batch 1, as a lookup slot runs).", DefaultValueFactory = _ => 1 };
        var percentile = new Option<double?>("--percentile") { Description = "Calibrate each range to this percentile of each batch (e.g. 99.99), averaged over batches, instead of min/max." };
        var top = new Option<int>("--top") { Description = "The k of the top-k overlap.", DefaultValueFactory = _ => 8 };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the int8 graph; by default <onnx name>.int8.onnx in the manifest's folder, where the web app looks." };
        var report = new Option<string?>("--report") { Description = "Where to write the JSON report; by default beside the int8 graph, <onnx name>.int8.report.json." };
        var command = new Command("quantize", "Write a model's int8 graph for lookups and report its speed-up and top-k overlap with the float graph per layer.")
        {
            model, dataset, calibration, evaluation, percentile, threads, top, output, report,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            int calibrationImages = parse.GetValue(calibration), evalImages = parse.GetValue(evaluation), threadCount = parse.GetValue(threads), k = parse.GetValue(top);
            if (calibrationImages < 1) throw new ArgumentException("--calibration-images must be at least 1.");
            if (evalImages < 0 || threadCount < 1 || k < 1) throw new ArgumentException("--eval-images cannot be negative; --threads and --top must be at least 1.");
            if (manifest.Layers.Any(l => l.Kind != LayerKind.Conv)) throw new NotSupportedException($"Model '{manifest.Id}' has token layers; quantize supports conv models.");
            var outPath = Path.GetFullPath(parse.GetValue(output) ?? QuantizedModelFile.DefaultPath(manifest));
            var reportPath = parse.GetValue(report) ?? Path.ChangeExtension(outPath, ".report.json");
            using var source = ImageSources.Open(parse.GetValue(dataset)!, CommonOptions.RepoRoot);
            var preprocessor = new ImagePreprocessor(manifest);

            var clock = Stopwatch.StartNew();
            var quantized = QuantizeModel(manifest, source, preprocessor, Math.Min(calibrationImages, source.Count), parse.GetValue(percentile));
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            File.WriteAllBytes(outPath, quantized.ToByteArray());
            Console.WriteLine($"Wrote {outPath} ({new FileInfo(outPath).Length / 1e6:F1} MB) in {clock.Elapsed.TotalSeconds:F0} s.");

            clock.Restart();
            var measurement = QuantizationMeasurement.Run(manifest, outPath, source, preprocessor,
                Spread(source.Count, evalImages == 0 ? source.Count : Math.Min(evalImages, source.Count)), threadCount, k);
            var result = new
            {
                model = manifest.Id,
                int8Model = outPath,
                dataset = source.Name,
                calibrationImages = Math.Min(calibrationImages, source.Count),
                calibration = parse.GetValue(percentile) is { } p ? $"percentile {p}" : "min/max",
                evalImages = measurement.Images,
                threads = threadCount,
                top = k,
                float32ImagesPerSecond = measurement.Float32ImagesPerSecond,
                int8ImagesPerSecond = measurement.Int8ImagesPerSecond,
                speedUp = measurement.SpeedUp,
                float32MedianMs = measurement.Float32MedianMs,
                int8MedianMs = measurement.Int8MedianMs,
                overlap = manifest.Layers.Select((l, i) => new { layer = l.Id, overlap = measurement.Overlap[i] }).ToArray(),
                faithful = measurement.Overlap.All(o => o >= QuantizationMeasurement.FaithfulOverlap),
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
            File.WriteAllText(reportPath, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Console.WriteLine($"Measured on {measurement.Images} images in {clock.Elapsed.TotalSeconds:F0} s, batch 1, {threadCount} thread(s) each:");
            Console.WriteLine($"  float32 {measurement.Float32ImagesPerSecond:F1} images/s (p50 {measurement.Float32MedianMs:F2} ms), " +
                              $"int8 {measurement.Int8ImagesPerSecond:F1} images/s (p50 {measurement.Int8MedianMs:F2} ms): speed-up {measurement.SpeedUp:F2}x");
            foreach (var layer in result.overlap) Console.WriteLine($"  {layer.layer}: top-{k} overlap with float32 {layer.overlap:F4}");
            Console.WriteLine(result.faithful
                ? $"Every layer's overlap is at least {QuantizationMeasurement.FaithfulOverlap}: faithful enough for lookups."
                : $"Some layer's overlap is below {QuantizationMeasurement.FaithfulOverlap}: not faithful enough to turn on for lookups.");
            Console.WriteLine($"Report: {reportPath}");
            return 0;
        });
        return command;
    }

    /// <summary>The float graph with the manifest's layers (and embedding) exposed, quantized with ranges from the calibration images.</summary>
    private static ModelProto QuantizeModel(ModelManifest manifest, IImageSource source, ImagePreprocessor preprocessor, int images, double? percentile)
    {
        var floatModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest)));
        var exposed = manifest.Layers.Select(l => l.Tensor).ToList();
        if (manifest.Embedding is { } embedding) exposed.Add(embedding.Tensor);
        var quantizer = new QdqQuantizer(ModelGraphPreparer.Prepare(floatModel, exposed));
        using var calibrator = new MinMaxCalibrator(quantizer, manifest.Input.Name, percentile: percentile);
        var indices = Spread(source.Count, images);
        var length = preprocessor.TensorLength;
        foreach (var chunk in indices.Chunk(CalibrationBatch))
        {
            var batch = new float[chunk.Length * length];
            for (var i = 0; i < chunk.Length; i++)
            {
                using var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(chunk[i]));
                preprocessor.Preprocess(image, batch.AsSpan(i * length, length));
            }
            calibrator.Add(batch, [chunk.Length, 3, manifest.Input.Height, manifest.Input.Width]);
            Console.Write($"\rCalibrating: {calibrator.Count}/{indices.Length} images");
        }
        Console.WriteLine();
        return quantizer.Quantize(calibrator.Ranges);
    }

    /// <summary><paramref name="count"/> indices spread evenly over [0, total): every style and concept of an ordered dataset.</summary>
    internal static int[] Spread(int total, int count) =>
        Enumerable.Range(0, count).Select(i => (int)((long)i * total / count)).ToArray();
}

using System.Diagnostics;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>
/// The float and int8 graphs of a model run side by side in one process, batch 1, image by image (each image through
/// both, in alternating order so neither always runs on a warmer cache): their run times, and the lookup's top-k
/// overlap per layer.
/// </summary>
internal sealed record QuantizationMeasurement(int Images, double Float32ImagesPerSecond, double Int8ImagesPerSecond,
    double Float32MedianMs, double Int8MedianMs, double[] Overlap)
{
    /// <summary>The least overlap, in every layer, for the int8 graph to be faithful enough for lookups (issue 9).</summary>
    public const double FaithfulOverlap = 0.95;

    private const int WarmUpRuns = 3;

    public double SpeedUp => Int8ImagesPerSecond / Float32ImagesPerSecond;

    public static QuantizationMeasurement Run(ModelManifest manifest, string int8Path, IImageSource source, ImagePreprocessor preprocessor,
        int[] indices, int threads, int top)
    {
        var options = new InferenceOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = threads };
        using var float32 = ActivationExtractor.Create(manifest, options);
        using var int8 = ActivationExtractor.CreateFromFile(manifest, int8Path, options);
        var overlap = new TopNeuronOverlap(manifest.Layers.Count, top);
        var input = new float[preprocessor.TensorLength];
        var float32Ms = new List<double>(indices.Length);
        var int8Ms = new List<double>(indices.Length);
        for (var n = 0; n < indices.Length; n++)
        {
            using (var image = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(indices[n]))) preprocessor.Preprocess(image, input);
            if (n == 0)
                for (var i = 0; i < WarmUpRuns; i++)
                {
                    float32.Run(input, 1).Dispose();
                    int8.Run(input, 1).Dispose();
                }
            var int8First = n % 2 == 1;
            using var first = Timed(int8First ? int8 : float32, input, int8First ? int8Ms : float32Ms);
            using var second = Timed(int8First ? float32 : int8, input, int8First ? float32Ms : int8Ms);
            var (reference, candidate) = int8First ? (second, first) : (first, second);
            for (var l = 0; l < manifest.Layers.Count; l++)
            {
                var layer = manifest.Layers[l];
                int positions = layer.Height * layer.Width;
                overlap.Add(l, SpatialMean.PerChannel(reference.Tensor(layer.Tensor), layer.Channels, positions, 0),
                    SpatialMean.PerChannel(candidate.Tensor(layer.Tensor), layer.Channels, positions, 0));
            }
            if ((n + 1) % 100 == 0 || n + 1 == indices.Length) Console.Write($"\rMeasuring: {n + 1}/{indices.Length} images");
        }
        Console.WriteLine();
        return new QuantizationMeasurement(indices.Length, indices.Length / (float32Ms.Sum() / 1000), indices.Length / (int8Ms.Sum() / 1000),
            Median(float32Ms), Median(int8Ms), overlap.PerLayer());
    }

    private static ActivationBatch Timed(ActivationExtractor extractor, float[] input, List<double> milliseconds)
    {
        var start = Stopwatch.GetTimestamp();
        var batch = extractor.Run(input, 1);
        milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return batch;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

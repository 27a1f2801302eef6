using NeuronAtlas.Core;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Bench;

/// <summary>
/// Decoding the lookup's JPEG, one at a time in one run: ImageSharp's full decode (what uploads had before), Skia's full
/// decode, and Skia's reduced-scale decode that uploads get now (the smallest libjpeg scale whose short side still
/// reaches the model's resize target). Medians in milliseconds.
/// </summary>
internal static class DecodeBenchmark
{
    /// <summary>The decode of the lookup benchmark's 1 MP JPEG alone, for ResNet18's input: `decode [--images RUNS]` (40).</summary>
    public static void Run(BenchOptions options)
    {
        int runs = Math.Min(options.Images, 40);
        var manifest = ModelManifestLoader.Load(Path.Combine(AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json"));
        var result = Measure(WebLatencyBenchmark.OneMegapixelJpeg(), new ImagePreprocessor(manifest), runs);
        Console.WriteLine($"""
            ## Decoding the lookup's 1155x866 JPEG (#9)

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- decode --images {runs}` (median of {runs}, one at a time)

            | decode | ms |
            |---|---|
            | ImageSharp 2.1.13, full size (uploads before) | {result.ImageSharpFullMs:F1} |
            | Skia, full size | {result.SkiaFullMs:F1} |
            | Skia, reduced scale to {result.ScaledSize} (uploads now, ResNet18) | {result.SkiaScaledMs:F1} |

            Reduced-scale Skia decode: {result.ImageSharpFullMs / result.SkiaScaledMs:F1}x faster than ImageSharp's full decode.

            """);
    }

    /// <summary>The upload path's decode: Skia at the smallest scale the preprocessing allows.</summary>
    internal static Image<Rgb24> ScaledDecode(byte[] jpeg, ImagePreprocessor preprocessor) =>
        SkiaImageDecoder.DecodeRgbOnWhite(jpeg, preprocessor.DecodeShortSide, SKEncodedImageFormat.Jpeg, long.MaxValue);

    internal sealed record Result(double ImageSharpFullMs, double SkiaFullMs, double SkiaScaledMs, string ScaledSize);

    internal static Result Measure(byte[] jpeg, ImagePreprocessor preprocessor, int runs)
    {
        using var scaled = ScaledDecode(jpeg, preprocessor);
        return new Result(
            Median(runs, () => Image.Load<Rgb24>(jpeg)),
            Median(runs, () => SkiaImageDecoder.DecodeRgbOnWhite(jpeg, int.MaxValue, SKEncodedImageFormat.Jpeg, long.MaxValue)),
            Median(runs, () => ScaledDecode(jpeg, preprocessor)),
            $"{scaled.Width}x{scaled.Height}");
    }

    private static double Median(int runs, Func<Image<Rgb24>> decode) => Timing.MedianMs(() => decode().Dispose(), runs, warmUps: 3);
}

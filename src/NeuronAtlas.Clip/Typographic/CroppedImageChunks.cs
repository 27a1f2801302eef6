using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Clip.Typographic;

/// <summary>
/// Images of a source decoded and resized and centre-cropped to the model's input, a chunk at a time (decoded in
/// parallel), so that typographic attacks draw on, and measure pixel shares of, what the model sees.
/// </summary>
public static class CroppedImageChunks
{
    /// <summary>Chunks of the images at <paramref name="indices"/>, with the position of each chunk's first image; the caller disposes the images.</summary>
    public static IEnumerable<(int Start, Image<Rgb24>[] Images)> Read(IImageSource source, IReadOnlyList<int> indices, ImagePreprocessor preprocessor,
        int chunk, CancellationToken ct = default)
    {
        for (int start = 0; start < indices.Count; start += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var images = new Image<Rgb24>[Math.Min(chunk, indices.Count - start)];
            int first = start;
            Parallel.For(0, images.Length, i =>
            {
                using var decoded = ImageDecoding.LoadRgbOnWhite(source.ReadBytes(indices[first + i]));
                images[i] = preprocessor.ResizeAndCrop(decoded);
            });
            yield return (start, images);
        }
    }
}

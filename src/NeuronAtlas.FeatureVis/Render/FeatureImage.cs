using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.FeatureVis.Render;

/// <summary>An RGB image with values in [0, 1], stored as three planes (CHW).</summary>
public sealed class FeatureImage
{
    public FeatureImage(int width, int height, float[] pixels)
    {
        if (pixels.Length != 3 * width * height)
            throw new ArgumentException($"A {width}×{height} RGB image needs {3 * width * height} values, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R plane, then G, then B; row-major; values in [0, 1].</summary>
    public float[] Pixels { get; }

    public Image<Rgb24> ToImage()
    {
        var image = new Image<Rgb24>(Width, Height);
        int plane = Width * Height;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < Width; x++)
                {
                    int i = y * Width + x;
                    row[x] = new Rgb24(ToByte(Pixels[i]), ToByte(Pixels[plane + i]), ToByte(Pixels[2 * plane + i]));
                }
            }
        });
        return image;
    }

    /// <summary>The image as PNG bytes (8 bits per channel).</summary>
    public byte[] ToPng()
    {
        using var image = ToImage();
        using var buffer = new MemoryStream();
        image.Save(buffer, new PngEncoder { ColorType = PngColorType.Rgb, CompressionLevel = PngCompressionLevel.BestCompression });
        return buffer.ToArray();
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Rendering;

/// <summary>
/// Renders a layer's spatial activation map as a transparent PNG to lay over the image: bilinearly upsampled,
/// coloured dark purple → orange → yellow, and more opaque where the neuron fires more.
/// </summary>
public static class HeatmapRenderer
{
    // Control points of an inferno-like colour map, low to high.
    private static readonly Rgb24[] Stops =
    [
        new(40, 11, 84), new(101, 21, 110), new(159, 42, 99), new(212, 72, 66), new(245, 125, 21), new(250, 193, 39), new(252, 255, 164),
    ];

    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.RgbWithAlpha, CompressionLevel = PngCompressionLevel.BestSpeed };

    /// <param name="map">Row-major mapHeight x mapWidth activations.</param>
    /// <param name="fullScale">The activation drawn at full colour and opacity; larger values clamp, negatives are transparent.</param>
    public static byte[] RenderPng(ReadOnlySpan<float> map, int mapWidth, int mapHeight, float fullScale, int width, int height)
    {
        if (map.Length < mapWidth * mapHeight)
            throw new ArgumentException($"The map holds {map.Length} values; {mapWidth}x{mapHeight} needs {mapWidth * mapHeight}.");
        float inverse = fullScale > 0 ? 1f / fullScale : 0f;
        using var image = new Image<Rgba32>(width, height);
        for (int y = 0; y < height; y++)
        {
            // Sample at pixel centres, mapping the image onto the grid of map cells.
            float my = Math.Clamp((y + 0.5f) * mapHeight / height - 0.5f, 0, mapHeight - 1);
            int y0 = (int)my, y1 = Math.Min(y0 + 1, mapHeight - 1);
            float fy = my - y0;
            for (int x = 0; x < width; x++)
            {
                float mx = Math.Clamp((x + 0.5f) * mapWidth / width - 0.5f, 0, mapWidth - 1);
                int x0 = (int)mx, x1 = Math.Min(x0 + 1, mapWidth - 1);
                float fx = mx - x0;
                float top = map[y0 * mapWidth + x0] * (1 - fx) + map[y0 * mapWidth + x1] * fx;
                float bottom = map[y1 * mapWidth + x0] * (1 - fx) + map[y1 * mapWidth + x1] * fx;
                float t = Math.Clamp((top * (1 - fy) + bottom * fy) * inverse, 0f, 1f);
                image[x, y] = Colour(t);
            }
        }
        using var png = new MemoryStream();
        image.Save(png, Encoder);
        return png.ToArray();
    }

    private static Rgba32 Colour(float t)
    {
        float position = t * (Stops.Length - 1);
        int i = Math.Min((int)position, Stops.Length - 2);
        float f = position - i;
        var a = Stops[i];
        var b = Stops[i + 1];
        byte alpha = (byte)(MathF.Pow(t, 0.8f) * 215);
        return new Rgba32(Lerp(a.R, b.R, f), Lerp(a.G, b.G, f), Lerp(a.B, b.B, f), alpha);
    }

    private static byte Lerp(byte a, byte b, float f) => (byte)Math.Round(a + (b - a) * f);
}

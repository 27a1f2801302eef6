using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>Seeded uniform noise on the pixels of an opaque Rgba8888 bitmap.</summary>
public static class PixelNoise
{
    /// <summary>Adds an independent whole number in [-amplitude, amplitude] to each R, G and B value, clamped to 0-255.</summary>
    public static void Add(SKBitmap bitmap, int amplitude, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, 255);
        if (bitmap.ColorType != SKColorType.Rgba8888)
            throw new ArgumentException($"Expected an Rgba8888 bitmap, got {bitmap.ColorType}.");
        if (amplitude == 0) return;
        var rng = new Random(seed);
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++)
        {
            if (i % 4 == 3) continue;
            pixels[i] = (byte)Math.Clamp(pixels[i] + rng.Next(-amplitude, amplitude + 1), 0, 255);
        }
    }
}

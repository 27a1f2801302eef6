using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Rendering;

/// <summary>Finds the smallest rectangle holding every pixel of a bitmap that is not fully transparent.</summary>
public static class OpaqueContentBounds
{
    public static SKRectI? Find(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888 && bitmap.ColorType != SKColorType.Bgra8888)
            throw new ArgumentException($"Expected 32-bit RGBA pixels, got {bitmap.ColorType}.", nameof(bitmap));
        var pixels = bitmap.GetPixelSpan();
        int width = bitmap.Width, height = bitmap.Height, rowBytes = bitmap.RowBytes;
        int left = width, top = height, right = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                if (row[4 * x + 3] == 0) continue;
                if (x < left) left = x;
                if (x > right) right = x;
                if (y < top) top = y;
                bottom = y;
            }
        }
        return right < 0 ? null : new SKRectI(left, top, right + 1, bottom + 1);
    }
}

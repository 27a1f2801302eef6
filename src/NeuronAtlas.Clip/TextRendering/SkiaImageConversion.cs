using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>Copies pixels between ImageSharp images (the atlas's image type) and SkiaSharp bitmaps (for drawing text).</summary>
public static class SkiaImageConversion
{
    public static SKBitmap ToBitmap(Image<Rgb24> image)
    {
        var pixels = new Rgba32[image.Width * image.Height];
        using (var rgba = image.CloneAs<Rgba32>()) rgba.CopyPixelDataTo(pixels);
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>An opaque RGB copy; the bitmap must be Rgba8888 and is read as opaque.</summary>
    public static Image<Rgb24> ToImage(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888)
            throw new ArgumentException($"Expected an Rgba8888 bitmap, got {bitmap.ColorType}.");
        using var rgba = Image.LoadPixelData<Rgba32>(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height);
        return rgba.CloneAs<Rgb24>();
    }

    public static SKBitmap NewBitmap(int width, int height, SKColor background)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(background);
        return bitmap;
    }
}

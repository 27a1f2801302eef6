using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuronAtlas.Core.Images;

/// <summary>Decoding trusted dataset files to RGB and encoding thumbnails. Untrusted uploads go through the web app's validator first.</summary>
public static class ImageDecoding
{
    /// <summary>Decodes the first frame; transparent pixels are composited onto white.</summary>
    /// <param name="configuration">Which formats may be decoded, and how (the default configuration when null).</param>
    public static Image<Rgb24> LoadRgbOnWhite(byte[] bytes, Configuration? configuration = null)
    {
        configuration ??= Configuration.Default;
        using var rgba = Image.Load<Rgba32>(configuration, bytes);
        while (rgba.Frames.Count > 1) rgba.Frames.RemoveFrame(1);
        var rgb = new Image<Rgb24>(configuration, rgba.Width, rgba.Height, new Rgb24(255, 255, 255));
        rgb.Mutate(ctx => ctx.DrawImage(rgba, 1f));
        return rgb;
    }

    /// <summary>A JPEG no larger than <paramref name="maxSide"/> on its longer side.</summary>
    public static (byte[] Jpeg, int Width, int Height) Thumbnail(Image<Rgb24> image, int maxSide = 160)
    {
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        int w = Math.Max(1, (int)Math.Round(image.Width * scale)), h = Math.Max(1, (int)Math.Round(image.Height * scale));
        using var small = image.Clone(ctx => { if (scale < 1) ctx.Resize(w, h, KnownResamplers.Triangle); });
        using var buffer = new MemoryStream();
        small.SaveAsJpeg(buffer, new JpegEncoder { Quality = 85 });
        return (buffer.ToArray(), small.Width, small.Height);
    }
}

using NeuronAtlas.DatasetBuilder.Sources;
using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Rendering;

/// <summary>Emoji artwork that is a vector picture (a rendered SVG), drawn at whatever scale it is placed.</summary>
public sealed class VectorArtwork : IEmojiArtwork
{
    /// <summary>Longer side, in pixels, of the raster used to find where the picture has content.</summary>
    private const int BoundsProbePixels = 512;

    private readonly SKPicture _picture;
    private readonly IDisposable _owner;

    /// <param name="picture">The picture to draw.</param>
    /// <param name="owner">Disposed with the artwork; keeps the picture alive (e.g. the SVG document).</param>
    /// <param name="description">Names the artwork in error messages.</param>
    public VectorArtwork(SKPicture picture, IDisposable owner, string description)
    {
        _picture = picture;
        _owner = owner;
        ContentBounds = FindContentBounds(picture, description);
    }

    public SKRect ContentBounds { get; }

    public void Draw(SKCanvas canvas, SKRect source, SKRect target)
    {
        canvas.Save();
        canvas.ClipRect(target, antialias: true);
        canvas.Translate(target.Left, target.Top);
        canvas.Scale(target.Width / source.Width, target.Height / source.Height);
        canvas.Translate(-source.Left, -source.Top);
        canvas.DrawPicture(_picture);
        canvas.Restore();
    }

    public void Dispose() => _owner.Dispose();

    private static SKRect FindContentBounds(SKPicture picture, string description)
    {
        var cull = picture.CullRect;
        if (cull.Width <= 0 || cull.Height <= 0)
            throw new InvalidDataException($"{description}: the picture has no size.");
        var scale = BoundsProbePixels / Math.Max(cull.Width, cull.Height);
        var info = new SKImageInfo(
            (int)Math.Ceiling(cull.Width * scale), (int)Math.Ceiling(cull.Height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var probe = new SKBitmap(info);
        using (var canvas = new SKCanvas(probe))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(scale);
            canvas.Translate(-cull.Left, -cull.Top);
            canvas.DrawPicture(picture);
        }
        var pixels = OpaqueContentBounds.Find(probe)
            ?? throw new InvalidDataException($"{description}: the picture draws nothing.");
        return new SKRect(
            cull.Left + pixels.Left / scale, cull.Top + pixels.Top / scale,
            cull.Left + pixels.Right / scale, cull.Top + pixels.Bottom / scale);
    }
}

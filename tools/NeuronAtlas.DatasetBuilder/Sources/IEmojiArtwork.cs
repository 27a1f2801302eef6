using SkiaSharp;

namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>One emoji drawing, vector or bitmap, that can be drawn into any rectangle.</summary>
public interface IEmojiArtwork : IDisposable
{
    /// <summary>The part of the artwork that is not fully transparent, in the artwork's own coordinates.</summary>
    SKRect ContentBounds { get; }

    /// <summary>Draws the <paramref name="source"/> part of the artwork into <paramref name="target"/>.</summary>
    void Draw(SKCanvas canvas, SKRect source, SKRect target);
}

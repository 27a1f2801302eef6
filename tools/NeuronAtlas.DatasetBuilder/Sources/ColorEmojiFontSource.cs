using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.Fonts;
using NeuronAtlas.DatasetBuilder.Rendering;

namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>Emoji drawn by a colour bitmap font such as Noto Color Emoji.</summary>
public sealed class ColorEmojiFontSource(string style, ColorEmojiFont font, DatasetSource source) : IEmojiArtSource
{
    public string Style => style;

    public DatasetSource Source => source;

    public bool Has(EmojiSequence emoji) => font.TryGetPng(emoji.CodePoints, out _);

    public IEmojiArtwork Load(EmojiSequence emoji) =>
        font.TryGetPng(emoji.CodePoints, out var png)
            ? BitmapArtwork.Decode(png.Span, $"{source.Name} glyph for {emoji.Id}")
            : throw new KeyNotFoundException($"{source.Name} has no glyph for {emoji.Id}.");
}

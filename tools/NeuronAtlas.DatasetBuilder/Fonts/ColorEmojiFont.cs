namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>
/// A colour bitmap emoji font (such as Noto Color Emoji) that resolves whole emoji code point
/// sequences to their PNG glyph images.
/// </summary>
public sealed class ColorEmojiFont
{
    private const int VariationSelector16 = 0xFE0F;
    private readonly CharacterToGlyphMap _characters;
    private readonly LigatureSubstitutions _ligatures;
    private readonly ColorBitmapGlyphs _bitmaps;

    private ColorEmojiFont(CharacterToGlyphMap characters, LigatureSubstitutions ligatures, ColorBitmapGlyphs bitmaps, string version)
    {
        _characters = characters;
        _ligatures = ligatures;
        _bitmaps = bitmaps;
        Version = version;
    }

    /// <summary>The version from the font's name table, e.g. "2.042".</summary>
    public string Version { get; }

    public int BitmapCount => _bitmaps.GlyphCount;

    public static ColorEmojiFont Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Emoji font not found at {path} (Debian package: fonts-noto-color-emoji).", path);
        var font = OpenTypeFontFile.Load(path);
        var version = (font.Name(5) ?? "").Split(';')[0].Replace("Version", "", StringComparison.OrdinalIgnoreCase).Trim();
        return new ColorEmojiFont(
            CharacterToGlyphMap.Read(font), LigatureSubstitutions.Read(font), ColorBitmapGlyphs.Read(font), version);
    }

    /// <summary>
    /// The PNG of the single glyph the sequence becomes, trying it as given and then without U+FE0F
    /// (fonts differ in whether their ligatures include it).
    /// </summary>
    public bool TryGetPng(IReadOnlyList<int> codePoints, out ReadOnlyMemory<byte> png)
    {
        png = default;
        if (TryResolveGlyph(codePoints, out var glyph)
            || TryResolveGlyph(codePoints.Where(cp => cp != VariationSelector16).ToList(), out glyph))
        {
            png = _bitmaps.Png(glyph);
            return true;
        }
        return false;
    }

    private bool TryResolveGlyph(IReadOnlyList<int> codePoints, out ushort glyph)
    {
        glyph = 0;
        var glyphs = new List<ushort>(codePoints.Count);
        foreach (var cp in codePoints)
        {
            if (!_characters.TryGetGlyph(cp, out var g)) return false;
            glyphs.Add(g);
        }
        var shaped = _ligatures.Apply(glyphs);
        if (shaped.Count != 1 || !_bitmaps.Contains(shaped[0])) return false;
        glyph = shaped[0];
        return true;
    }
}

namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>
/// The font's 'cmap' table, read from its Windows full-repertoire subtable (platform 3, encoding 10,
/// format 12), which is where colour emoji fonts map supplementary-plane code points.
/// </summary>
public sealed class CharacterToGlyphMap
{
    private readonly Dictionary<int, ushort> _glyphs;

    private CharacterToGlyphMap(Dictionary<int, ushort> glyphs) => _glyphs = glyphs;

    public static CharacterToGlyphMap Read(OpenTypeFontFile font)
    {
        var cmap = font.Table("cmap").Span;
        int subtableCount = cmap.U16(2);
        for (var i = 0; i < subtableCount; i++)
        {
            int platform = cmap.U16(4 + 8 * i), encoding = cmap.U16(6 + 8 * i);
            var offset = cmap.Offset32(8 + 8 * i);
            if (platform == 3 && encoding == 10 && cmap.U16(offset) == 12)
                return new CharacterToGlyphMap(ReadSegmentedCoverage(cmap[offset..]));
        }
        throw new InvalidDataException("The font's cmap has no (3,10) format 12 subtable; only that layout is supported.");
    }

    public bool TryGetGlyph(int codePoint, out ushort glyph) => _glyphs.TryGetValue(codePoint, out glyph);

    private static Dictionary<int, ushort> ReadSegmentedCoverage(ReadOnlySpan<byte> subtable)
    {
        var glyphs = new Dictionary<int, ushort>();
        var groupCount = subtable.Offset32(12);
        for (var g = 0; g < groupCount; g++)
        {
            var group = 16 + 12 * g;
            var first = subtable.Offset32(group);
            var last = subtable.Offset32(group + 4);
            var firstGlyph = subtable.Offset32(group + 8);
            for (var cp = first; cp <= last; cp++)
                glyphs[cp] = checked((ushort)(firstGlyph + cp - first));
        }
        return glyphs;
    }
}

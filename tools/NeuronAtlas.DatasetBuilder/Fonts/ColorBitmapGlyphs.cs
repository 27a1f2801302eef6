namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>
/// The PNG glyph images of a colour bitmap font (the CBLC index and CBDT data tables), taken from
/// its largest strike.
/// </summary>
public sealed class ColorBitmapGlyphs
{
    private const int BitmapSizeRecordLength = 48;
    private const int PpemYOffset = 45;
    private readonly ReadOnlyMemory<byte> _data;
    private readonly Dictionary<ushort, (int Offset, int Length, int ImageFormat)> _images;

    private ColorBitmapGlyphs(ReadOnlyMemory<byte> data, Dictionary<ushort, (int, int, int)> images, int pixelsPerEm)
    {
        _data = data;
        _images = images;
        PixelsPerEm = pixelsPerEm;
    }

    public int PixelsPerEm { get; }

    public int GlyphCount => _images.Count;

    public static ColorBitmapGlyphs Read(OpenTypeFontFile font)
    {
        var index = font.Table("CBLC").Span;
        var sizeCount = index.Offset32(4);
        if (sizeCount == 0)
            throw new InvalidDataException("The font's CBLC table lists no bitmap strikes.");
        var strike = 8;
        for (var i = 1; i < sizeCount; i++)
        {
            var record = 8 + BitmapSizeRecordLength * i;
            if (index[record + PpemYOffset] > index[strike + PpemYOffset]) strike = record;
        }
        var images = ReadStrike(index, strike);
        return new ColorBitmapGlyphs(font.Table("CBDT"), images, index[strike + PpemYOffset]);
    }

    public bool Contains(ushort glyph) => _images.ContainsKey(glyph);

    /// <summary>The glyph's embedded PNG file.</summary>
    public ReadOnlyMemory<byte> Png(ushort glyph)
    {
        if (!_images.TryGetValue(glyph, out var image))
            throw new KeyNotFoundException($"Glyph {glyph} has no colour bitmap.");
        var header = image.ImageFormat switch
        {
            17 => 5, // small glyph metrics
            18 => 8, // big glyph metrics
            19 => 0, // metrics live in CBLC
            _ => throw new InvalidDataException($"Unsupported CBDT image format {image.ImageFormat}."),
        };
        var span = _data.Span;
        var pngLength = span.Offset32(image.Offset + header);
        if (header + 4 + pngLength > image.Length)
            throw new InvalidDataException($"Glyph {glyph}: its PNG runs past its CBDT record.");
        return _data.Slice(image.Offset + header + 4, pngLength);
    }

    private static Dictionary<ushort, (int, int, int)> ReadStrike(ReadOnlySpan<byte> index, int strike)
    {
        var images = new Dictionary<ushort, (int, int, int)>();
        var arrayStart = index.Offset32(strike);
        var subtableCount = index.Offset32(strike + 8);
        for (var i = 0; i < subtableCount; i++)
        {
            var entry = arrayStart + 8 * i;
            int first = index.U16(entry), last = index.U16(entry + 2);
            var subtable = arrayStart + index.Offset32(entry + 4);
            int indexFormat = index.U16(subtable), imageFormat = index.U16(subtable + 2);
            var imageData = index.Offset32(subtable + 4);
            for (var glyph = first; glyph <= last; glyph++)
            {
                var k = glyph - first;
                var (start, end) = indexFormat switch
                {
                    1 => (index.Offset32(subtable + 8 + 4 * k), index.Offset32(subtable + 12 + 4 * k)),
                    3 => ((int)index.U16(subtable + 8 + 2 * k), (int)index.U16(subtable + 10 + 2 * k)),
                    _ => throw new InvalidDataException($"Unsupported CBLC index format {indexFormat}."),
                };
                if (end > start)
                    images[(ushort)glyph] = (imageData + start, end - start, imageFormat);
            }
        }
        return images;
    }
}

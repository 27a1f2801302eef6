namespace NeuronAtlas.Clip.Text;

/// <summary>
/// ftfy's "sloppy-windows-1252": Windows-1252, except that the five bytes Windows leaves
/// unassigned (81, 8D, 8F, 90, 9D) stand for the Latin-1 control characters of the same number.
/// </summary>
internal static class SloppyWindows1252
{
    private static readonly char[] HighControlRange =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private static readonly Dictionary<char, byte> ByteOfCharacter = BuildEncoder();

    public static char Decode(byte value) =>
        value is >= 0x80 and <= 0x9F ? HighControlRange[value - 0x80] : (char)value;

    public static bool TryEncode(char character, out byte value) => ByteOfCharacter.TryGetValue(character, out value);

    private static Dictionary<char, byte> BuildEncoder()
    {
        var encoder = new Dictionary<char, byte>(256);
        for (int value = 0; value < 256; value++)
        {
            encoder[Decode((byte)value)] = (byte)value;
        }
        return encoder;
    }
}

using System.Globalization;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// HTML character-reference decoding with Python's rules. System.Net.WebUtility.HtmlDecode is
/// not used: it knows only the 253 HTML 4 names, ignores names without ';' ("&amp;amp" stays),
/// and maps numeric references such as "&amp;#x80;" differently.
/// </summary>
public static class HtmlUnescaper
{
    private const int MaxNameLength = 32;
    private const int MaxStrictNameLength = 24;

    private static readonly Lazy<Dictionary<string, string>> Html5 = new(() => ParseTable(HtmlEntityTable.Html5));
    private static readonly Lazy<Dictionary<string, string>> FtfyUpperCase =
        new(() => ParseTable(HtmlEntityTable.FtfyUpperCaseNames));

    /// <summary>
    /// Python's html.unescape: numeric references with or without ';', and the longest HTML5
    /// name that prefixes the text after '&amp;' (names without ';' only where HTML5 allows them).
    /// </summary>
    public static string Unescape(string text) => ReplaceReferences(text, ReadPythonReference);

    /// <summary>
    /// ftfy's unescape_html: only "&amp;name;" and "&amp;#number;" forms that end in ';' (at most 24
    /// letters or digits), plus upper-cased spellings of lower-case names such as "&amp;NTILDE;".
    /// </summary>
    public static string UnescapeTerminatedEntities(string text) => ReplaceReferences(text, ReadTerminatedEntity);

    /// <summary>Reads the reference that starts at the '&amp;' at <paramref name="ampersand"/>, if there is one.</summary>
    private delegate bool ReferenceReader(string text, int ampersand, out string replacement, out int end);

    /// <summary>Scans left to right like Python's re.sub: replacements are not scanned again.</summary>
    private static string ReplaceReferences(string text, ReferenceReader read)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('&'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        int position = 0;
        while (position < text.Length)
        {
            int ampersand = text.IndexOf('&', position);
            if (ampersand < 0)
            {
                builder.Append(text, position, text.Length - position);
                break;
            }
            builder.Append(text, position, ampersand - position);
            if (read(text, ampersand, out string replacement, out int end))
            {
                builder.Append(replacement);
                position = end;
            }
            else
            {
                builder.Append('&');
                position = ampersand + 1;
            }
        }
        return builder.ToString();
    }

    private static bool ReadPythonReference(string text, int ampersand, out string replacement, out int end)
    {
        end = ampersand + 1;
        return TryReadNumericReference(text, ref end, out replacement) || TryReadNamedReference(text, ref end, out replacement);
    }

    private static bool ReadTerminatedEntity(string text, int ampersand, out string replacement, out int end)
    {
        int nameStart = ampersand + 1 < text.Length && text[ampersand + 1] == '#' ? ampersand + 2 : ampersand + 1;
        int nameEnd = nameStart;
        while (nameEnd < text.Length && char.IsAsciiLetterOrDigit(text[nameEnd]))
        {
            nameEnd++;
        }
        end = nameEnd + 1;
        replacement = "";
        if (nameEnd - nameStart is < 1 or > MaxStrictNameLength || nameEnd >= text.Length || text[nameEnd] != ';')
        {
            return false;
        }
        replacement = DecodeTerminatedEntity(text[ampersand..end]);
        return true;
    }

    private static string DecodeTerminatedEntity(string entity)
    {
        string name = entity[1..];
        if (name[0] != '#')
        {
            return Html5.Value.TryGetValue(name, out string? value) || FtfyUpperCase.Value.TryGetValue(name, out value)
                ? value
                : entity;
        }
        string unescaped = Unescape(entity);
        return unescaped.Contains(';') ? entity : unescaped;
    }

    /// <summary>Reads "#digits;?" or "#xhex;?" after '&amp;' (Python's _charref alternatives one and two).</summary>
    private static bool TryReadNumericReference(string text, ref int position, out string value)
    {
        value = "";
        if (position >= text.Length || text[position] != '#')
        {
            return false;
        }
        bool hex = position + 1 < text.Length && text[position + 1] is 'x' or 'X';
        int digitsStart = position + 1;
        int end = digitsStart;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        if (end == digitsStart && hex)
        {
            digitsStart = position + 2;
            end = digitsStart;
            while (end < text.Length && char.IsAsciiHexDigit(text[end]))
            {
                end++;
            }
        }
        else
        {
            hex = false;
        }
        if (end == digitsStart)
        {
            return false;
        }
        value = CodePointReplacement(ParseClamped(text.AsSpan(digitsStart, end - digitsStart), hex));
        position = end < text.Length && text[end] == ';' ? end + 1 : end;
        return true;
    }

    /// <summary>Parses a reference number, saturating above U+10FFFF (Python's ints never overflow).</summary>
    private static long ParseClamped(ReadOnlySpan<char> digits, bool hex)
    {
        long value = 0;
        foreach (char digit in digits)
        {
            int digitValue = char.IsAsciiDigit(digit) ? digit - '0' : (digit | 0x20) - 'a' + 10;
            value = value * (hex ? 16 : 10) + digitValue;
            if (value > 0x10FFFF)
            {
                return 0x110000;
            }
        }
        return value;
    }

    /// <summary>Python's html._replace_charref for a number.</summary>
    private static string CodePointReplacement(long codePoint)
    {
        if (codePoint == 0)
        {
            return "\uFFFD";
        }
        if (codePoint == 0x0D)
        {
            return "\r";
        }
        if (codePoint is >= 0x80 and <= 0x9F)
        {
            return SloppyWindows1252.Decode((byte)codePoint).ToString();
        }
        if (codePoint is >= 0xD800 and <= 0xDFFF or > 0x10FFFF)
        {
            return "\uFFFD";
        }
        if (codePoint is >= 0x01 and <= 0x08 or 0x0B or >= 0x0E and <= 0x1F or 0x7F or >= 0xFDD0 and <= 0xFDEF
            || (codePoint & 0xFFFE) == 0xFFFE)
        {
            return "";
        }
        return char.ConvertFromUtf32((int)codePoint);
    }

    /// <summary>
    /// Reads up to 32 code points other than tab, LF, FF, space, '&lt;', '&amp;', '#' and ';', plus an
    /// optional ';', and decodes the whole name or else its longest prefix that is an HTML5 name.
    /// </summary>
    private static bool TryReadNamedReference(string text, ref int position, out string value)
    {
        value = "";
        int end = position, codePoints = 0;
        while (end < text.Length && codePoints < MaxNameLength && text[end] is not ('\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';'))
        {
            end += char.IsSurrogatePair(text, end) ? 2 : 1;
            codePoints++;
        }
        if (end == position)
        {
            return false;
        }
        if (end < text.Length && text[end] == ';')
        {
            end++;
        }
        string name = text[position..end];
        position = end;
        if (Html5.Value.TryGetValue(name, out string? whole))
        {
            value = whole;
            return true;
        }
        for (int prefix = name.Length - 1; prefix > 1; prefix--)
        {
            if (Html5.Value.TryGetValue(name[..prefix], out string? partial))
            {
                value = partial + name[prefix..];
                return true;
            }
        }
        value = "&" + name;
        return true;
    }

    private static Dictionary<string, string> ParseTable(string table)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in table.Split(' '))
        {
            int equals = item.IndexOf('=');
            string value = string.Concat(item[(equals + 1)..].Split('.')
                .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            entries[item[..equals]] = value;
        }
        return entries;
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// The deterministic part of ftfy.fix_text (ftfy 6 defaults), which openai/CLIP's tokenizer runs
/// on every caption. Per line, and repeated until the line stops changing:
/// unescape_html (only while no line so far has held '&lt;'), fix_encoding (only the
/// <see cref="Utf8MojibakeRepair"/> subset), fix_c1_controls, fix_latin_ligatures,
/// fix_character_width, uncurl_quotes, fix_line_breaks, fix_surrogates, remove_terminal_escapes,
/// remove_control_chars and NFC normalization. See docs/tokenizer.md for what is left out.
/// </summary>
public static class FtfyTextFixer
{
    private const int MaxSegmentCodePoints = 1_000_000;

    private static readonly Dictionary<char, string> Ligatures = new()
    {
        ['\u0132'] = "IJ", ['\u0133'] = "ij", ['\u0149'] = "\u02BCn",
        ['\u01F1'] = "DZ", ['\u01F2'] = "Dz", ['\u01F3'] = "dz",
        ['\u01C4'] = "D\u017D", ['\u01C5'] = "D\u017E", ['\u01C6'] = "d\u017E",
        ['\u01C7'] = "LJ", ['\u01C8'] = "Lj", ['\u01C9'] = "lj",
        ['\u01CA'] = "NJ", ['\u01CB'] = "Nj", ['\u01CC'] = "nj",
        ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl",
        ['\uFB03'] = "ffi", ['\uFB04'] = "ffl", ['\uFB05'] = "\u017Ft", ['\uFB06'] = "st",
    };

    private static readonly Dictionary<char, string> Widths = BuildWidthMap();

    private static readonly SearchValues<char> RemovedControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F\u0010\u0011\u0012\u0013\u0014" +
        "\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u206A\u206B\u206C\u206D\u206E\u206F\uFEFF\uFFF9\uFFFA\uFFFB\uFFFC");

    public static string Fix(string text)
    {
        var output = new StringBuilder(text.Length);
        bool unescapeHtml = true;
        int position = 0;
        while (position < text.Length)
        {
            int end = SegmentEnd(text, position);
            string segment = text[position..end];
            if (segment.Contains('<'))
            {
                unescapeHtml = false;
            }
            output.Append(FixSegment(segment, unescapeHtml));
            position = end;
        }
        return output.ToString();
    }

    private static int SegmentEnd(string text, int start)
    {
        int newline = text.IndexOf('\n', start);
        int end = newline < 0 ? text.Length : newline + 1;
        int codePoints = 0;
        for (int i = start; i < end; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            if (++codePoints > MaxSegmentCodePoints)
            {
                return i;
            }
        }
        return end;
    }

    private static string FixSegment(string text, bool unescapeHtml)
    {
        while (true)
        {
            string original = text;
            if (unescapeHtml)
            {
                text = HtmlUnescaper.UnescapeTerminatedEntities(text);
            }
            text = Utf8MojibakeRepair.Repair(text);
            text = FixC1Controls(text);
            text = Translate(text, Ligatures);
            text = Translate(text, Widths);
            text = UncurlQuotes(text);
            text = FixLineBreaks(text);
            text = FixSurrogates(text);
            text = RemoveTerminalEscapes(text);
            text = RemoveControlCharacters(text);
            text = text.Normalize(NormalizationForm.FormC);
            if (text == original)
            {
                return text;
            }
        }
    }

    private static string FixC1Controls(string text) =>
        Map(text, c => c is >= '\u0080' and <= '\u009F' ? SloppyWindows1252.Decode((byte)c) : c);

    private static string UncurlQuotes(string text) => Map(text, c => c switch
    {
        '\u02BC' or >= '\u2018' and <= '\u201B' => '\'',
        >= '\u201C' and <= '\u201F' => '"',
        _ => c,
    });

    private static string FixLineBreaks(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Replace('\u0085', '\n');

    /// <summary>Unpaired UTF-16 surrogates become U+FFFD (paired ones are already whole characters in .NET).</summary>
    private static string FixSurrogates(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>Removes ANSI escapes: ESC '[' then decimal digits (any script) or ';', then an ASCII letter.</summary>
    private static string RemoveTerminalEscapes(string text)
    {
        int escape = text.IndexOf("\u001B[", StringComparison.Ordinal);
        if (escape < 0)
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        int position = 0;
        while (escape >= 0)
        {
            int end = escape + 2;
            while (end < text.Length)
            {
                if (text[end] == ';')
                {
                    end++;
                    continue;
                }
                if (Rune.DecodeFromUtf16(text.AsSpan(end), out Rune rune, out int length) == OperationStatus.Done
                    && Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                {
                    end += length;
                    continue;
                }
                break;
            }
            if (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                output.Append(text, position, escape - position);
                position = end + 1;
                escape = text.IndexOf("\u001B[", position, StringComparison.Ordinal);
            }
            else
            {
                escape = text.IndexOf("\u001B[", escape + 1, StringComparison.Ordinal);
            }
        }
        output.Append(text, position, text.Length - position);
        return output.ToString();
    }

    private static string RemoveControlCharacters(string text)
    {
        if (text.AsSpan().IndexOfAny(RemovedControls) < 0)
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!RemovedControls.Contains(c))
            {
                output.Append(c);
            }
        }
        return output.ToString();
    }

    private static string Map(string text, Func<char, char> map)
    {
        char[]? chars = null;
        for (int i = 0; i < text.Length; i++)
        {
            char mapped = map(text[i]);
            if (mapped != text[i])
            {
                chars ??= text.ToCharArray();
                chars[i] = mapped;
            }
        }
        return chars is null ? text : new string(chars);
    }

    private static string Translate(string text, Dictionary<char, string> table)
    {
        StringBuilder? output = null;
        for (int i = 0; i < text.Length; i++)
        {
            if (table.TryGetValue(text[i], out string? replacement))
            {
                output ??= new StringBuilder(text, 0, i, text.Length + 8);
                output.Append(replacement);
            }
            else
            {
                output?.Append(text[i]);
            }
        }
        return output?.ToString() ?? text;
    }

    /// <summary>U+3000 becomes a space; halfwidth and fullwidth forms become their NFKC equivalents.</summary>
    private static Dictionary<char, string> BuildWidthMap()
    {
        var widths = new Dictionary<char, string> { ['\u3000'] = " " };
        for (char c = '\uFF01'; c < '\uFFF0'; c++)
        {
            string normalized = c.ToString().Normalize(NormalizationForm.FormKC);
            if (normalized != c.ToString())
            {
                widths[c] = normalized;
            }
        }
        return widths;
    }
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// The subset of ftfy's fix_encoding that NeuronAtlas implements: text that is UTF-8 read as
/// Latin-1 or as sloppy Windows-1252 ("cafÃ©", "donâ€™t") is re-decoded when the whole segment
/// encodes back to bytes in one of those two, those bytes are valid UTF-8, and the segment holds
/// an unmistakable mojibake marker: 'Â' or 'Ã' before a character standing for a UTF-8
/// continuation byte, 'ð' before 'Ÿ' or U+009F (emoji), or "â€" (Windows punctuation).
/// Repeated until the text stops changing, which also undoes double mojibake. The marker stands
/// in for ftfy's badness heuristic: without it "Brontë…”" (bytes EB 85 94) would become Hangul.
/// </summary>
internal static class Utf8MojibakeRepair
{
    public static string Repair(string text)
    {
        while (true)
        {
            string repaired = RepairOnce(text);
            if (repaired == text)
            {
                return text;
            }
            text = repaired;
        }
    }

    private static string RepairOnce(string text)
    {
        if (Ascii.IsValid(text) || !HasMojibakeMarker(text))
        {
            return text;
        }
        if (TryEncodeLatin1(text, out byte[]? latin1) && TryDecodeUtf8(latin1, out string? fromLatin1))
        {
            return fromLatin1;
        }
        if (TryEncodeSloppyWindows1252(text, out byte[]? windows1252) && TryDecodeUtf8(windows1252, out string? fromWindows1252))
        {
            return fromWindows1252;
        }
        return text;
    }

    private static bool HasMojibakeMarker(string text)
    {
        for (int i = 0; i + 1 < text.Length; i++)
        {
            char next = text[i + 1];
            bool marker = text[i] switch
            {
                '\u00C2' or '\u00C3' => StandsForContinuationByte(next),
                '\u00F0' => next is '\u0178' or '\u009F',
                '\u00E2' => next == '\u20AC',
                _ => false,
            };
            if (marker)
            {
                return true;
            }
        }
        return false;
    }

    private static bool StandsForContinuationByte(char c) =>
        c is >= '\u0080' and <= '\u00BF' || SloppyWindows1252.TryEncode(c, out byte value) && value is >= 0x80 and <= 0xBF;

    private static bool TryEncodeLatin1(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        foreach (char c in text)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }
        bytes = text.Select(c => (byte)c).ToArray();
        return true;
    }

    private static bool TryEncodeSloppyWindows1252(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var encoded = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            // ftfy's sloppy codecs keep byte 1A for U+FFFD, so a literal U+001A cannot be encoded.
            if (text[i] == '\u001A' || !SloppyWindows1252.TryEncode(text[i], out encoded[i]))
            {
                return false;
            }
        }
        bytes = encoded;
        return true;
    }

    private static bool TryDecodeUtf8(byte[] bytes, [NotNullWhen(true)] out string? text)
    {
        text = null;
        char[] buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out _, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return false;
            }
            text = new string(buffer, 0, written);
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}

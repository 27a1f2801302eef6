using System.Text;

namespace NeuronAtlas.Web.Apis;

/// <summary>
/// Text made safe for an HTTP header: Kestrel refuses non-ASCII and control characters in response headers, so such
/// characters, and '%' itself, are sent as percent-encoded UTF-8 bytes (%C3%97 for ×); printable ASCII stays as is.
/// decodeURIComponent (JavaScript) and Uri.UnescapeDataString (.NET) give the text back.
/// </summary>
public static class AsciiHeaderValue
{
    public static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F && rune.Value != '%')
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            int length = rune.EncodeToUtf8(utf8);
            foreach (byte b in utf8[..length]) encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }
}

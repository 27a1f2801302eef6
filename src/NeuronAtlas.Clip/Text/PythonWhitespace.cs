using System.Buffers;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// Python's two notions of whitespace: the regex module's \s (Unicode White_Space) and
/// str.isspace / str.strip, which also count U+001C..U+001F.
/// </summary>
internal static class PythonWhitespace
{
    private static readonly SearchValues<char> RegexSpaces = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A" +
        "\u2028\u2029\u202F\u205F\u3000");

    private static readonly SearchValues<char> StripSpaces = SearchValues.Create(
        "\t\n\v\f\r\u001C\u001D\u001E\u001F \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" +
        "\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    /// <summary>Whether a UTF-16 unit matches the regex module's \s (every such character is in the BMP).</summary>
    public static bool IsRegexSpace(char c) => RegexSpaces.Contains(c);

    /// <summary>Python's str.strip() with no arguments.</summary>
    public static string Strip(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && StripSpaces.Contains(text[start]))
        {
            start++;
        }
        while (end > start && StripSpaces.Contains(text[end - 1]))
        {
            end--;
        }
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>regex.sub(r"\s+", " ", text).</summary>
    public static string CollapseRuns(string text)
    {
        if (text.AsSpan().IndexOfAny(RegexSpaces) < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        bool inRun = false;
        foreach (char c in text)
        {
            if (RegexSpaces.Contains(c))
            {
                if (!inRun)
                {
                    builder.Append(' ');
                }
                inRun = true;
            }
            else
            {
                builder.Append(c);
                inRun = false;
            }
        }
        return builder.ToString();
    }
}

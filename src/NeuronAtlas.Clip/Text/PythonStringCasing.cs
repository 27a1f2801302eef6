using System.Globalization;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// Python's str.lower(): full Unicode lower-casing, which differs from .NET's invariant
/// per-character mapping in two places: U+0130 becomes "i" plus U+0307, and capital sigma
/// becomes final sigma (U+03C2) at the end of a word (the Final_Sigma rule of Unicode's
/// SpecialCasing). Every other code point lower-cases as Rune.ToLowerInvariant does
/// (checked over all code points against Python 3.11).
/// </summary>
internal static class PythonStringCasing
{
    private const int CapitalSigma = 0x03A3;
    private const int DottedCapitalI = 0x0130;

    public static string ToLower(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }
        var builder = new StringBuilder(text.Length);
        int index = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value == DottedCapitalI)
            {
                builder.Append("i\u0307");
            }
            else if (rune.Value == CapitalSigma)
            {
                builder.Append(IsFinalSigma(text, index) ? '\u03C2' : '\u03C3');
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            index += rune.Utf16SequenceLength;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Final_Sigma: a cased letter comes before the sigma and none comes after it, skipping
    /// case-ignorable characters on both sides.
    /// </summary>
    private static bool IsFinalSigma(string text, int sigmaIndex)
    {
        int before = sigmaIndex;
        Rune previous = default;
        bool foundBefore = false;
        while (before > 0)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, before), out previous, out int length);
            before -= length;
            if (!IsCaseIgnorable(previous))
            {
                foundBefore = true;
                break;
            }
        }
        if (!foundBefore || !IsCased(previous))
        {
            return false;
        }
        int after = sigmaIndex + 1;
        while (after < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(after), out Rune next, out int length);
            after += length;
            if (!IsCaseIgnorable(next))
            {
                return !IsCased(next);
            }
        }
        return true;
    }

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
        || rune.Value is 0xAA or 0xBA // Other_Lowercase letters outside Ll
            or >= 0x2160 and <= 0x217F // Roman numerals (Nl)
            or >= 0x24B6 and <= 0x24E9 // circled Latin letters (So)
            or >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189;

    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        // Word_Break MidLetter, MidNumLet and Single_Quote.
        || rune.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024
            or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}

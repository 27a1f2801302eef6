using System.Globalization;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// Splits cleaned text the way openai/CLIP's pattern does under the regex module with IGNORECASE:
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>.
/// Works on code points, so letters outside the BMP count as letters (.NET's Regex would see surrogates).
/// </summary>
internal static class ClipPreTokenizer
{
    private static readonly string[] Literals =
        [ClipVocabulary.StartOfText, ClipVocabulary.EndOfText, "'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>
    /// U+0345 COMBINING GREEK YPOGEGRAMMENI case-folds to iota, so under IGNORECASE the regex module
    /// counts it neither as [\p{L}] nor as [^\s\p{L}\p{N}]: it matches no alternative and is dropped.
    /// </summary>
    private const int Ypogegrammeni = 0x0345;

    private enum CharacterClass { Space, Letter, Number, Other, Unmatched }

    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        int position = 0;
        while (position < text.Length)
        {
            var (characterClass, length) = Classify(text, position);
            if (characterClass is CharacterClass.Space or CharacterClass.Unmatched)
            {
                position += length;
                continue;
            }
            int end = MatchLiteral(text, position);
            if (end < 0)
            {
                end = position + length;
                if (characterClass != CharacterClass.Number)
                {
                    while (end < text.Length && Classify(text, end) is var next && next.Class == characterClass)
                    {
                        end += next.Length;
                    }
                }
            }
            pieces.Add(text[position..end]);
            position = end;
        }
        return pieces;
    }

    private static int MatchLiteral(string text, int position)
    {
        foreach (string literal in Literals)
        {
            if (position + literal.Length <= text.Length && EqualsIgnoringCase(text.AsSpan(position, literal.Length), literal))
            {
                return position + literal.Length;
            }
        }
        return -1;
    }

    /// <summary>Simple case folding as the regex module applies it to these ASCII literals: long s (U+017F) folds to 's'.</summary>
    private static bool EqualsIgnoringCase(ReadOnlySpan<char> text, string literal)
    {
        for (int i = 0; i < literal.Length; i++)
        {
            char c = text[i];
            bool same = char.ToLowerInvariant(c) == literal[i] && char.IsAscii(c) || c == '\u017F' && literal[i] == 's';
            if (!same)
            {
                return false;
            }
        }
        return true;
    }

    private static (CharacterClass Class, int Length) Classify(string text, int position)
    {
        char c = text[position];
        if (PythonWhitespace.IsRegexSpace(c))
        {
            return (CharacterClass.Space, 1);
        }
        if (Rune.DecodeFromUtf16(text.AsSpan(position), out Rune rune, out int length) != System.Buffers.OperationStatus.Done)
        {
            return (CharacterClass.Other, 1);
        }
        if (rune.Value == Ypogegrammeni)
        {
            return (CharacterClass.Unmatched, length);
        }
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => (CharacterClass.Letter, length),
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                => (CharacterClass.Number, length),
            _ => (CharacterClass.Other, length),
        };
    }
}

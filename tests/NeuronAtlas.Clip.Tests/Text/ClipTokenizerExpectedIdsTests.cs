// How these expected ids were established
// ---------------------------------------
// There is no OpenAI `clip` package and no `ftfy` on the machines this project is built on, so
// the ids below come from an independent Python implementation,
// tools/tokenizer_reference/reference_tokenizer.py. It follows the published structure of
// openai/CLIP's clip/simple_tokenizer.py (bytes_to_unicode, basic_clean, whitespace_clean, the same
// pre-tokenization pattern under Debian's python3-regex with IGNORECASE, bpe by lowest merge rank,
// encode) and uses Python's own html.unescape and str.lower, so those parts are Python's behaviour,
// not a re-implementation of it. The ids were printed with
//   /usr/bin/python3 tools/tokenizer_reference/print_csharp_cases.py --vocab bpe_simple_vocab_16e6.txt.gz < strings.json
// and pasted here; the C# tokenizer was not consulted.
//
// ftfy caveat: ftfy.fix_text is replaced, in both implementations, by the subset documented in
// tools/tokenizer_reference/ftfy_subset.py and docs/tokenizer.md. For text that ftfy's mojibake
// heuristics would treat differently (mojibake without the markers we look for, other code pages,
// mojibake embedded in otherwise good text) real CLIP may produce other ids. Plain text,
// punctuation, emoji, entities, curly quotes, ligatures and full-width forms go through the steps
// that are reproduced exactly. Well-known ids confirm the vocabulary handling: "a photo of a cat"
// is 320 1125 539 320 2368 in every published CLIP example.
using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

public class ClipTokenizerExpectedIdsTests
{
    public static TheoryData<string, int[]> HardStrings => new()
    {
        { "", [] },
        { "a photo of a cat", [320, 1125, 539, 320, 2368] },
        { "Hello, World!!!", [3306, 267, 1002, 995] },
        { "$$$", [31859] },
        { "iPod", [17889] },
        { "IPOD iPhone McDonald's NASA's macOS", [17889, 4314, 10741, 568, 6841, 568, 45469] },
        { "3.14159 and 1,000,000 on 2024-01-01", [274, 269, 272, 275, 272, 276, 280, 537, 272, 267, 271, 271, 271, 267, 271, 271, 271, 525, 273, 271, 273, 275, 268, 271, 272, 268, 271, 272] },
        { "don't can't it's we're they've I'm you'll he'd", [847, 713, 753, 713, 585, 568, 649, 982, 889, 1200, 328, 880, 592, 1342, 797, 1896] },
        { "DON'T SHOUT, IT'S LOUD", [847, 713, 5214, 267, 585, 568, 7464] },
        { "don’t — “smart quotes”", [847, 713, 2005, 257, 4115, 5808, 257] },
        { "I ❤\uFE0F 🍕🍕 😂", [328, 1752, 31469, 23904, 1558] },
        { "👨\u200D👩\u200D👧\u200D👦 family", [25023, 26304, 48938, 4244, 964, 355, 1315] },
        { "👍\U0001F3FD 👋\U0001F3FF 🇯🇵", [43722, 19351, 21094, 26527] },
        { "café naïve résumé Ångström", [15304, 1097, 35689, 563, 29106, 7054, 4166, 23176, 10352, 807, 7255, 332] },
        { "cafe\u0301 vs café, e\u0301\u0302 and a\u0308\u0323", [15304, 1547, 15304, 267, 4166, 136, 480, 537, 157, 118, 350, 136, 486] },
        { "猫の写真 中文字符测试", [163, 234, 104, 21575, 44653, 33440, 509, 19759, 255, 29032, 229, 35751, 245, 163, 105, 99, 162, 113, 233, 164, 107, 499] },
        { "고양이 사진", [36216, 254, 31625, 239, 34746, 31061, 105, 38890] },
        { "صورة قطة ١٢٣", [27271, 48242, 20915, 27585, 32050, 20915, 149, 350, 149, 351, 149, 352] },
        { "ΟΔΟΣ ΚΑΙ ΣΟΦΙΑ ΛΟΓΟΣ.", [138, 123, 138, 112, 138, 123, 139, 480, 138, 118, 138, 109, 138, 373, 139, 225, 138, 123, 139, 228, 138, 117, 138, 365, 138, 119, 138, 123, 138, 111, 138, 123, 139, 480, 269] },
        { "İSTANBUL İzmir", [328, 16384, 11231, 328, 16384, 89, 6585] },
        { "Tom &amp; Jerry &lt;3 &#39;quoted&#x27; &nbsp;space &amp", [2435, 261, 9164, 283, 274, 262, 27706, 262, 2138, 261] },
        { "&amp;amp; &amp;amp;amp; &eacute;t&eacute; &EACUTE;T&EACUTE; &ampxyz; &lt3", [261, 261, 3459, 39694, 3459, 39694, 261, 20023, 345, 282, 283, 274] },
        { "&lt;b&gt;bold&lt;/b&gt; &#128512; &#x1F600; &#0; &#x80; &#99999999999;", [283, 321, 285, 8911, 34308, 321, 285, 7334, 7334, 39802, 6309, 39802] },
        { "<b>tag</b> &amp;amp; &lt;", [283, 321, 285, 3640, 34308, 321, 285, 261, 283] },
        { "  lots   of\u0009\u0009tabs\u000Aand\u000D\u000Anewlines \u00A0nbsp\u3000ideographic\u2028sep  ", [2958, 539, 29163, 537, 1218, 3418, 6459, 4393, 1909, 78, 4245, 10434] },
        { "cafÃ© crÃ\u00A8me brÃ»lÃ©e", [15304, 1075, 12138, 614, 711, 127, 119, 75, 13489] },
        { "donâ€™t â€œquotedâ€\u009D", [847, 713, 257, 27706, 257] },
        { "not such a fan of Charlotte Brontë…”", [783, 2046, 320, 2261, 539, 7871, 4011, 83, 40520, 20215] },
        { "ðŸ\u02DC‚ mojibake emoji", [1558, 617, 3252, 11878, 16327] },
        { "ＬＯＵＤ\u3000ＮＯＩＳＥＳ１２３ ｶﾞ", [7464, 31575, 272, 273, 274, 3909, 361] },
        { "ﬂuﬃest ﬁsh ĳs", [3698, 19961, 1509, 2759, 7337, 338] },
        { "<|startoftext|>hello<|endoftext|> <|STARTOFTEXT|> <|ſtartoftext|> it'ſ", [49406, 3306, 49407, 49406, 27, 91, 129, 123, 2002, 6659, 18169, 91, 285, 585, 6, 129, 379] },
        { "a\u0000b\u0007c \u001B[31mred\u001B[0m \uFEFFbom", [5334, 736, 19469] },
        { "𝐇𝐞𝐥𝐥𝐨 𝟏𝟐𝟑", [15889, 229, 15889, 252, 15889, 98, 15889, 98, 15889, 357, 6874, 253, 493, 6874, 253, 494, 6874, 253, 495] },
        { "ᾼ \u0345x a\u0345b", [157, 122, 367, 343, 320, 321] },
        { "Ⅻ ½ ² ① १२", [158, 227, 375, 33613, 41175, 158, 239, 510, 7410, 356, 7410, 357] },
        { "नमस\u094Dत\u0947 द\u0941न\u093Fय\u093E", [3124, 101, 48254, 28505, 19389, 27263, 25130, 29552, 39653, 26090, 26721, 37299, 13343] },
        { "สว\u0E31สด\u0E35", [37883, 30245, 14978, 37883, 38825, 20278] },
        { "a\u0085b\u0080c\u009D", [320, 959, 321, 6309, 322, 126, 507] },
        { "...!?!?;;--__==++<<>>//\\\\||@@##%%^^&&**(())[[]]{{}}``~~", [3002, 0, 9785, 30, 34824, 2154, 2355, 11748, 47298, 24588, 8270, 15348, 59, 59, 91, 91, 31, 31, 2, 2, 4, 4, 34454, 5, 5, 9825, 22944, 13720, 58, 58, 60, 60, 90, 90, 92, 92, 63, 63, 16671] },
        { "\uD83D alone", [39802, 4702] },
    };

    [Theory]
    [MemberData(nameof(HardStrings))]
    public void Encode_matches_the_python_reference(string text, int[] expectedIds)
    {
        Assert.Equal(expectedIds, SharedClipTokenizer.Instance.Encode(text));
    }

    [Fact]
    public void Tokenize_truncates_a_long_caption_keeping_the_end_token_last()
    {
        // The reference's tokenize gives 49406, then "a photo of" (320 1125 539) 25 times, then 49407:
        // the 26th "a" (320) at position 76 is overwritten by the end token, as clip.tokenize(truncate=True) does.
        int[] photoOf = [320, 1125, 539];
        int[] expected = [ClipTokenizer.StartOfTextId, .. Enumerable.Repeat(photoOf, 25).SelectMany(ids => ids), ClipTokenizer.EndOfTextId];

        int[] ids = SharedClipTokenizer.Instance.Tokenize(string.Concat(Enumerable.Repeat("a photo of ", 40)));

        Assert.Equal(expected, ids);
    }
}

using System.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>
/// Seeded generator of hard tokenizer inputs: each string mixes fragments from the character
/// classes below. Ranges are limited to code points assigned in Unicode 14 (Python 3.11's tables),
/// so Python and .NET agree on every character's category.
/// </summary>
internal sealed class RandomCaptionGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly (int First, int Last)[] ScriptRanges =
    [
        (0x00C0, 0x00FF), (0x0100, 0x017F), (0x0391, 0x03A1), (0x03A3, 0x03A9), (0x03B1, 0x03C9),
        (0x0410, 0x044F), (0x0621, 0x064A), (0x0660, 0x0669), (0x0905, 0x0939), (0x093E, 0x094D),
        (0x0966, 0x096F), (0x0E01, 0x0E2E), (0x3041, 0x3096), (0x30A1, 0x30FA), (0x4E00, 0x9FA5),
        (0xAC00, 0xD7A3), (0xFF01, 0xFF5E), (0xFF66, 0xFF9F), (0xFB00, 0xFB06), (0x1D400, 0x1D7FF),
        (0x2150, 0x2182), (0x2460, 0x249B), (0x2010, 0x2027), (0x2030, 0x205E), (0x0300, 0x036F),
        (0x1F300, 0x1F5FF), (0x1F600, 0x1F64F), (0x1F1E6, 0x1F1FF), (0x0000, 0x001F), (0x0080, 0x009F),
    ];

    private static readonly string[] Words =
    [
        "a", "photo", "of", "the", "cat", "Dog", "NASA", "iPod", "McDonald", "macOS", "CLIP", "neuron",
        "résumé", "naïve", "Ångström", "straße", "ẞ", "İstanbul", "ſtar", "Kelvin", "ΟΔΟΣ", "ΣΟΦΙΑ",
        "Москва", "東京", "고양이", "القطة", "नमस्ते", "สวัสดี", "ｶﾞ", "ﬁsh", "ĳs", "ǅ",
    ];

    private static readonly string[] Punctuation =
    [
        "$$$", "...", "!?", "--", "—", "…", ",", ".", ";", ":", "\"", "(", ")", "[", "]", "<", ">", "#", "@",
        "'", "'s", "'S", "'ll", "'RE", "'d", "'t", "'m", "'ve", "‘", "’", "“", "”", "ʼ", "‛", "‟", "Σ.", "ΑΣ'", "Σ\u0301",
    ];

    private static readonly string[] Spaces =
        [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00A0", "\u3000", "\u2028", "\u2009", "\u000B", "\u000C", "\u001C", "\u0085"];

    private static readonly string[] Specials =
    [
        "<|startoftext|>", "<|endoftext|>", "<|ſtartoftext|>", "<|ENDOFTEXT|>", "&amp;", "&amp", "&lt;", "&gt", "&#39;",
        "&#x27;", "&nbsp;", "&eacute;", "&EACUTE;", "&#128512;", "&#0;", "&#x80;", "&ntilde", "&notit;", "&amp;amp;",
        "&#", "&;", "&hellip;", "&#xD800;", "Ã©", "Ã¨", "â€™", "â€œ", "â€\u009D", "ðŸ˜‚", "Ã¼", "Â°", "ÃƒÂ©",
        "\u001B[31m", "\u001B[0m", "\uFEFF", "\u200B", "\u206A", "\u0345", "\u200D", "\uFE0F", "\U0001F3FD",
        "👨\u200D👩\u200D👧", "🇯🇵", "½", "²", "Ⅻ", "①", "0", "12", "3.5",
    ];

    public List<string> Next(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    public string Next()
    {
        int fragments = _random.Next(10) == 0 ? _random.Next(40, 120) : _random.Next(1, 12);
        var text = new StringBuilder();
        for (int i = 0; i < fragments; i++)
        {
            text.Append(_random.Next(6) switch
            {
                0 => Pick(Words),
                1 => Pick(Punctuation),
                2 => Pick(Spaces),
                3 => Pick(Specials),
                _ => RandomScriptRun(),
            });
        }
        return text.ToString();
    }

    private string RandomScriptRun()
    {
        var (first, last) = ScriptRanges[_random.Next(ScriptRanges.Length)];
        var run = new StringBuilder();
        int length = _random.Next(1, 5);
        for (int i = 0; i < length; i++)
        {
            run.Append(char.ConvertFromUtf32(_random.Next(first, last + 1)));
        }
        return run.ToString();
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}

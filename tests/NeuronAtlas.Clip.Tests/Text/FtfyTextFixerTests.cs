using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>Expected strings come from tools/tokenizer_reference/ftfy_subset.py (several are ftfy's own documented examples).</summary>
public class FtfyTextFixerTests
{
    [Theory]
    [InlineData("ＬＯＵＤ　ＮＯＩＳＥＳ", "LOUD NOISES")]
    [InlineData("ｶﾞ", "ガ")]
    [InlineData("ﬂuﬃeﬆ", "fluffiest")]
    [InlineData("Ĳssel ǅemal", "IJssel Džemal")]
    [InlineData("Broken text&hellip; it&#x2019;s ﬂubberiﬁc!", "Broken text… it's flubberific!")]
    [InlineData("“here’s a test” ʼn", "\"here's a test\" 'n")]
    [InlineData("a\u0085", "a…")]
    [InlineData("\u001B[36;44mI'm blue\u001B[0m", "I'm blue")]
    [InlineData("a\u0000b\u007Fc\uFEFF\u206A", "abc")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("line\r\nbreak\u2028x\ry", "line\nbreak\nx\ny")]
    public void Fix_applies_ftfys_deterministic_steps(string text, string expected)
    {
        Assert.Equal(expected, FtfyTextFixer.Fix(text));
    }

    [Theory]
    [InlineData("cafÃ©", "café")]
    [InlineData("donâ€™t", "don't")]
    [InlineData("cafÃƒÂ©", "café")]
    [InlineData("ðŸ˜‚ lol", "😂 lol")]
    public void Fix_repairs_utf8_read_as_windows_1252_or_latin_1(string text, string expected)
    {
        Assert.Equal(expected, FtfyTextFixer.Fix(text));
    }

    [Fact]
    public void Fix_replaces_unpaired_surrogates()
    {
        // Not an [InlineData]: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("\uFFFD x \U0001F600", FtfyTextFixer.Fix("\uD83D x \uD83D\uDE00"));
    }

    [Fact]
    public void Fix_leaves_latin_1_text_without_a_mojibake_marker_alone()
    {
        // ë…” are the bytes EB 85 94, which are valid UTF-8 (Hangul); ftfy keeps them too.
        Assert.Equal("not such a fan of Charlotte Brontë…\"", FtfyTextFixer.Fix("not such a fan of Charlotte Brontë…”"));
    }

    [Fact]
    public void Fix_stops_unescaping_entities_from_the_first_line_holding_a_tag()
    {
        Assert.Equal("&\n<html>\n&amp;", FtfyTextFixer.Fix("&amp;\n<html>\n&amp;"));
    }
}

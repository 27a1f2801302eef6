using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>Expected strings are what the Python reference's whitespace_clean(basic_clean(text)).lower() gives.</summary>
public class ClipTextCleanerTests
{
    [Theory]
    [InlineData("  A \t B\n\nC  ", "a b c")]
    [InlineData("Tom &amp;amp; Jerry", "tom & jerry")]
    [InlineData("<i>&amp;amp;</i>", "<i>&</i>")]
    [InlineData("&lt;b&gt;", "<b>")]
    [InlineData("ΟΔΟΣ ΣΑ Σ", "οδος σα σ")]
    [InlineData("ΑΣ. Σ'Α ΑΣ\u0301", "ας. σ'α ας\u0301")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("ſ K ẞ Ⅻ", "ſ k ß ⅻ")]
    [InlineData("", "")]
    public void Clean_matches_python(string text, string expected)
    {
        Assert.Equal(expected, ClipTextCleaner.Clean(text));
    }
}

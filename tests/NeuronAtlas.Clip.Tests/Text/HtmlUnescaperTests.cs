using System.Net;
using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>Expected strings are what Python 3.11's html.unescape and ftfy's rules give for the same input.</summary>
public class HtmlUnescaperTests
{
    [Theory]
    [InlineData("&amp; &lt; &gt; &quot;", "& < > \"")]
    [InlineData("&#39; &#x27; &#X27;", "' ' '")]
    [InlineData("a&nbsp;b", "a\u00A0b")]
    [InlineData("&amp &lt3 &ampxyz;", "& <3 &xyz;")]
    [InlineData("&#x80; &#0; &#1; &#13;", "\u20AC \uFFFD  \r")]
    [InlineData("&#99999999999; &#xD800; &#x10FFFF;", "\uFFFD \uFFFD ")]
    [InlineData("&#128512;&#x1F600", "\U0001F600\U0001F600")]
    [InlineData("&#; &#x; &#65abc; &NotANameAtAll; &AMP;", "&#; &#x; Aabc; &NotANameAtAll; &")]
    [InlineData("no entities at all", "no entities at all")]
    public void Unescape_follows_python_html_unescape(string text, string expected)
    {
        Assert.Equal(expected, HtmlUnescaper.Unescape(text));
    }

    [Fact]
    public void WebUtility_HtmlDecode_differs_from_python_which_is_why_it_is_not_used()
    {
        Assert.Equal("&amp", WebUtility.HtmlDecode("&amp"));
        Assert.Equal("&", HtmlUnescaper.Unescape("&amp"));
        Assert.NotEqual(HtmlUnescaper.Unescape("&#x80;"), WebUtility.HtmlDecode("&#x80;"));
    }

    [Theory]
    [InlineData("&ntilde; &Ntilde; &NTILDE; &nTILDE;", "ñ Ñ Ñ &nTILDE;")]
    [InlineData("BUNDESSTRA&SZLIG;E", "BUNDESSTRASSE")]
    [InlineData("&Jscr;ohn &HilbertSpace;ancock", "𝒥ohn ℋancock")]
    [InlineData("&amp &lt3", "&amp &lt3")]
    [InlineData("&#65abc; &#x2019;", "&#65abc; \u2019")]
    [InlineData("&aaaaaaaaaaaaaaaaaaaaaaaaa; &amp;", "&aaaaaaaaaaaaaaaaaaaaaaaaa; &")]
    public void UnescapeTerminatedEntities_follows_ftfy_unescape_html(string text, string expected)
    {
        Assert.Equal(expected, HtmlUnescaper.UnescapeTerminatedEntities(text));
    }
}

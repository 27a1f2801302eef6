using System.Text.RegularExpressions;
using NeuronAtlas.Web.Rendering;

namespace NeuronAtlas.Web.Tests.Rendering;

public sealed class NoteRendererTests
{
    [Fact]
    public void Renders_markdown_and_escapes_raw_html()
    {
        var html = NoteRenderer.ToHtml("# Title\n\nSome *emphasis*.\n\n<img src=x onerror=alert(1)>\n\n<div>block</div>");

        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<div>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void Disarms_links_with_script_or_data_schemes(string markdown)
    {
        var html = NoteRenderer.ToHtml(markdown);

        var targets = Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(targets, target => Assert.Equal("#", target));
    }

    [Theory]
    [InlineData("[x](https://example.org/a)", "https://example.org/a")]
    [InlineData("[x](/models/resnet18/layer4/3)", "/models/resnet18/layer4/3")]
    [InlineData("[x](../3?a=b:c)", "../3?a=b:c")]
    [InlineData("[x](mailto:someone@example.org)", "mailto:someone@example.org")]
    public void Keeps_web_relative_and_mail_links(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", NoteRenderer.ToHtml(markdown));
    }
}

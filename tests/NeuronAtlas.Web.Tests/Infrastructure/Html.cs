using System.Net;
using System.Text.RegularExpressions;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>Small readers for server-rendered HTML, enough to check links, meta tags and ordering.</summary>
public static partial class Html
{
    /// <summary>The content of &lt;meta property|name="key"&gt;, decoded; null when absent.</summary>
    public static string? Meta(string html, string key)
    {
        foreach (Match m in MetaTag().Matches(html))
        {
            var tag = m.Value;
            if (Attribute(tag, "property") == key || Attribute(tag, "name") == key) return Attribute(tag, "content");
        }
        return null;
    }

    public static IReadOnlyList<string> Hrefs(string html) =>
        HrefAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public static IReadOnlyList<string> ImageSources(string html, string cssClass) =>
        ImgTag().Matches(html).Select(m => m.Value)
            .Where(tag => (Attribute(tag, "class") ?? "").Split(' ').Contains(cssClass))
            .Select(tag => Attribute(tag, "src")!)
            .ToList();

    public static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"""\s{Regex.Escape(name)}="([^"]*)" """.TrimEnd());
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("<meta\\s[^>]*>")]
    private static partial Regex MetaTag();

    [GeneratedRegex("<img\\s[^>]*>")]
    private static partial Regex ImgTag();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefAttribute();
}

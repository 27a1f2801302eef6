using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NeuronAtlas.Web.Rendering;

/// <summary>
/// Renders neuron notes from Markdown. Raw HTML is disabled (it comes out escaped), and links or images whose
/// URL uses a scheme other than http, https or mailto (javascript:, data:, ...) lose their target.
/// </summary>
public static class NoteRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafe(link.Url)) link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafe(link.Url)) link.Url = "#";
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so strip them first.
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        int colon = compact.IndexOf(':');
        if (colon < 0) return true;
        int firstPathChar = compact.IndexOfAny(['/', '?', '#']);
        if (firstPathChar >= 0 && firstPathChar < colon) return true; // a relative URL with a colon later on
        var scheme = compact[..colon];
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}

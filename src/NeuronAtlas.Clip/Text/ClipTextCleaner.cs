namespace NeuronAtlas.Clip.Text;

/// <summary>
/// The text clean-up of openai/CLIP's SimpleTokenizer.encode:
/// whitespace_clean(basic_clean(text)).lower(), where basic_clean is ftfy.fix_text (here
/// <see cref="FtfyTextFixer"/>), html.unescape applied twice and strip, and whitespace_clean turns
/// each run of whitespace into one space and strips.
/// </summary>
public static class ClipTextCleaner
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string fixedText = FtfyTextFixer.Fix(text);
        string unescaped = HtmlUnescaper.Unescape(HtmlUnescaper.Unescape(fixedText));
        string basic = PythonWhitespace.Strip(unescaped);
        string collapsed = PythonWhitespace.Strip(PythonWhitespace.CollapseRuns(basic));
        return PythonStringCasing.ToLower(collapsed);
    }
}

using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>English emoji keywords from Unicode CLDR (annotations/en.xml and annotationsDerived/en.xml).</summary>
public sealed partial class CldrKeywords
{
    public const string DefaultDirectory = "/usr/share/unicode/cldr/common";

    private readonly Dictionary<string, IReadOnlyList<string>> _keywords;

    private CldrKeywords(Dictionary<string, IReadOnlyList<string>> keywords, string version)
    {
        _keywords = keywords;
        Version = version;
    }

    public string Version { get; }

    [GeneratedRegex("cldrVersion\\s+CDATA\\s+#FIXED\\s+\"(?<version>[^\"]+)\"")]
    private static partial Regex CldrVersionAttribute();

    /// <param name="commonDirectory">CLDR's common/ folder (Debian package unicode-cldr-core).</param>
    public static CldrKeywords Read(string commonDirectory)
    {
        var files = new[] { "annotations/en.xml", "annotationsDerived/en.xml" }
            .Select(f => Path.Combine(commonDirectory, f)).ToArray();
        if (!File.Exists(files[0]))
            throw new FileNotFoundException($"CLDR annotations not found at {files[0]} (Debian package: unicode-cldr-core).");
        var keywords = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in files.Where(File.Exists))
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            var document = XDocument.Load(reader);
            foreach (var annotation in document.Descendants("annotation"))
            {
                if (annotation.Attribute("type") is not null) continue; // "tts" holds the name, not keywords
                var cp = annotation.Attribute("cp")?.Value;
                if (cp is null) continue;
                keywords[StripVariationSelectors(cp)] = annotation.Value
                    .Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            }
        }
        var dtd = Path.Combine(commonDirectory, "dtd", "ldml.dtd");
        var version = File.Exists(dtd) ? CldrVersionAttribute().Match(File.ReadAllText(dtd)).Groups["version"].Value : "";
        if (version.Length == 0)
            throw new InvalidDataException($"Cannot read the CLDR version from {dtd}.");
        return new CldrKeywords(keywords, version);
    }

    /// <summary>The keywords of an emoji; CLDR writes its cp attributes without U+FE0F.</summary>
    public IReadOnlyList<string> For(EmojiSequence sequence) =>
        _keywords.TryGetValue(StripVariationSelectors(sequence.Text), out var words) ? words : [];

    private static string StripVariationSelectors(string text) => text.Replace("\uFE0F", "", StringComparison.Ordinal);
}

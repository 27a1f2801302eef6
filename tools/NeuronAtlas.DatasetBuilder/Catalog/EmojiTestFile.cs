using System.Text.RegularExpressions;

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>Reads Unicode's emoji-test.txt (UTS #51): the fully-qualified emoji with names and groups.</summary>
public static partial class EmojiTestFile
{
    public const string DefaultPath = "/usr/share/unicode/emoji/emoji-test.txt";

    // "1F600   ; fully-qualified     # 😀 E1.0 grinning face"
    [GeneratedRegex(@"^(?<hex>[0-9A-F ]+?)\s*;\s*fully-qualified\s*#\s*\S+\s+E\d+\.\d+\s+(?<name>.+)$")]
    private static partial Regex FullyQualifiedLine();

    [GeneratedRegex(@"^#\s*Version:\s*(?<version>\S+)")]
    private static partial Regex VersionLine();

    public static (IReadOnlyList<EmojiEntry> Entries, string Version) Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"emoji-test.txt not found at {path} (Debian package: unicode-data).", path);
        var entries = new List<EmojiEntry>();
        string group = "", subgroup = "", version = "";
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("# group:", StringComparison.Ordinal)) group = line[8..].Trim();
            else if (line.StartsWith("# subgroup:", StringComparison.Ordinal)) subgroup = line[11..].Trim();
            else if (VersionLine().Match(line) is { Success: true } v) version = v.Groups["version"].Value;
            else if (FullyQualifiedLine().Match(line) is { Success: true } m
                     && EmojiSequence.TryParse(m.Groups["hex"].Value, out var sequence))
                entries.Add(new EmojiEntry(sequence, m.Groups["name"].Value.Trim(), group, subgroup));
        }
        if (entries.Count == 0)
            throw new InvalidDataException($"{path} holds no fully-qualified emoji lines.");
        return (entries, version);
    }
}

using System.Text.RegularExpressions;
using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.Rendering;
using Svg.Skia;

namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>
/// A folder of SVG files named by code point sequence ("1f577.svg", "1F469-200D-1F4BB.svg"), as
/// shipped by OpenMoji and Twemoji. Files whose names are not code point sequences are ignored, and
/// so are files with no drawing element (OpenMoji's line art of U+1F195 is an empty group).
/// </summary>
public sealed partial class SvgDirectorySource : IEmojiArtSource
{
    [GeneratedRegex(@"<(path|circle|rect|ellipse|line|polyline|polygon|text|image|use)\b")]
    private static partial Regex DrawingElement();

    private readonly Dictionary<string, List<(EmojiSequence Sequence, string Path)>> _files;
    private readonly List<string> _emptyFiles = [];

    public SvgDirectorySource(string style, string directory, DatasetSource source)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{source.Name} SVG folder not found: {directory}");
        Style = style;
        Source = source;
        _files = new Dictionary<string, List<(EmojiSequence, string)>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.svg").Order(StringComparer.Ordinal))
        {
            if (!EmojiSequence.TryParse(Path.GetFileNameWithoutExtension(path), out var sequence)) continue;
            if (!DrawingElement().IsMatch(File.ReadAllText(path)))
            {
                _emptyFiles.Add(Path.GetFileName(path));
                continue;
            }
            if (!_files.TryGetValue(sequence.MatchKey, out var list))
                _files[sequence.MatchKey] = list = [];
            list.Add((sequence, path));
        }
        if (_files.Count == 0)
            throw new InvalidDataException($"{directory} holds no SVG files named by code points.");
    }

    public string Style { get; }

    public DatasetSource Source { get; }

    /// <summary>Files skipped because they draw nothing.</summary>
    public IReadOnlyList<string> EmptyFiles => _emptyFiles;

    public int FileCount => _files.Values.Sum(list => list.Count);

    public bool Has(EmojiSequence emoji) => _files.ContainsKey(emoji.MatchKey);

    public IEmojiArtwork Load(EmojiSequence emoji)
    {
        var path = PathOf(emoji);
        var svg = SKSvg.CreateFromFile(path);
        try
        {
            var picture = svg.Picture ?? throw new InvalidDataException($"{path}: Svg.Skia produced no picture.");
            return new VectorArtwork(picture, svg, path);
        }
        catch
        {
            svg.Dispose();
            throw;
        }
    }

    /// <summary>The file for the emoji: the exact sequence where several files share a match key.</summary>
    private string PathOf(EmojiSequence emoji)
    {
        if (!_files.TryGetValue(emoji.MatchKey, out var candidates))
            throw new KeyNotFoundException($"{Source.Name} has no SVG for {emoji.Id}.");
        foreach (var (sequence, path) in candidates)
            if (sequence.Equals(emoji)) return path;
        return candidates[0].Path;
    }
}

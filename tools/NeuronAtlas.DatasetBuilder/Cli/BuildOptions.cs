using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.Sources;

namespace NeuronAtlas.DatasetBuilder.Cli;

/// <summary>What to build from, and how.</summary>
public sealed record BuildOptions(string OutputDirectory)
{
    public string? OpenMojiDirectory { get; init; }
    public string? TwemojiDirectory { get; init; }
    public string NotoFontPath { get; init; } = EmojiSources.DefaultNotoFont;
    public string EmojiTestPath { get; init; } = EmojiTestFile.DefaultPath;
    public string CldrDirectory { get; init; } = CldrKeywords.DefaultDirectory;

    /// <summary>Side of the square images, in pixels. Defaults to 128.</summary>
    public int Size { get; init; } = 128;

    /// <summary>JPEG quality, 1-100. Defaults to 88.</summary>
    public int JpegQuality { get; init; } = 88;

    /// <summary>When set, keeps this many concepts spread over all emoji groups. Defaults to all.</summary>
    public int? MaxConcepts { get; init; }
}

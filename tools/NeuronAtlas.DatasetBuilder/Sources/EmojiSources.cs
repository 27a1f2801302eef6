using System.Text.Json;
using NeuronAtlas.DatasetBuilder.Fonts;

namespace NeuronAtlas.DatasetBuilder.Sources;

/// <summary>The emoji sets this builder knows, with their licences and attribution texts.</summary>
public static class EmojiSources
{
    public const string DefaultNotoFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

    /// <summary>Noto Color Emoji glyphs (Debian package fonts-noto-color-emoji): style "noto".</summary>
    public static IEmojiArtSource Noto(string fontPath)
    {
        var font = ColorEmojiFont.Load(fontPath);
        return new ColorEmojiFontSource("noto", font, new DatasetSource(
            "Noto Color Emoji", font.Version, "OFL-1.1", "https://github.com/googlefonts/noto-emoji",
            "Noto Color Emoji font, Copyright 2013-2017 Google Inc., licensed under the SIL Open Font License 1.1. " +
            "Glyph bitmaps were extracted from the font, cropped, scaled and composited on white."));
    }

    /// <summary>Twemoji SVGs from the npm package @discordapp/twemoji (folder dist/svg): style "twemoji".</summary>
    /// <param name="packageDirectory">The unpacked npm package (the folder holding package.json).</param>
    public static IEmojiArtSource Twemoji(string packageDirectory) =>
        new SvgDirectorySource("twemoji", Path.Combine(packageDirectory, "dist", "svg"), new DatasetSource(
            "Twemoji", PackageVersion(packageDirectory), "CC-BY-4.0", "https://github.com/discord/twemoji",
            "Twemoji graphics Copyright 2014-2021 Twitter, Inc. and Copyright 2022-present Jason Sofonia & Justine De Caires, " +
            "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). " +
            "SVGs were rasterized, cropped, scaled and composited on white."));

    /// <summary>OpenMoji colour and black line-art SVGs from the npm package openmoji.</summary>
    /// <param name="packageDirectory">The unpacked npm package (the folder holding package.json).</param>
    public static IReadOnlyList<IEmojiArtSource> OpenMoji(string packageDirectory)
    {
        var source = new DatasetSource(
            "OpenMoji", PackageVersion(packageDirectory), "CC-BY-SA-4.0", "https://openmoji.org/",
            "All emojis designed by OpenMoji - the open-source emoji and icon project. " +
            "License: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). " +
            "SVGs were rasterized, cropped, scaled and composited on white.");
        return
        [
            new SvgDirectorySource("openmoji-color", Path.Combine(packageDirectory, "color", "svg"), source),
            new SvgDirectorySource("openmoji-line", Path.Combine(packageDirectory, "black", "svg"), source),
        ];
    }

    public static DatasetSource UnicodeEmojiNames(string version) => new(
        "Unicode emoji-test.txt", version, "Unicode-DFS-2016", "https://www.unicode.org/Public/emoji/",
        "Emoji names, groups and code point sequences: Copyright Unicode, Inc., " +
        "see https://www.unicode.org/terms_of_use.html.");

    public static DatasetSource CldrKeywords(string version) => new(
        "Unicode CLDR annotations", version, "Unicode-DFS-2016", "https://cldr.unicode.org/",
        "English emoji keywords (concepts.csv): Copyright Unicode, Inc., see https://www.unicode.org/terms_of_use.html.");

    private static string PackageVersion(string packageDirectory)
    {
        var packageJson = Path.Combine(packageDirectory, "package.json");
        if (!File.Exists(packageJson))
            throw new FileNotFoundException($"No package.json in {packageDirectory}; pass the unpacked npm package folder.", packageJson);
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        return document.RootElement.TryGetProperty("version", out var version)
            ? version.GetString() ?? ""
            : throw new InvalidDataException($"{packageJson} has no version.");
    }
}

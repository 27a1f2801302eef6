namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// The fonts no training word is rendered in: the shipped word dataset (evaluation) uses only these. Copies ship in
/// data/fonts/held-out (a subfolder, so text-vis and the typographic lab, which use every font directly in data/fonts,
/// are unchanged).
/// </summary>
public static class HeldOutFonts
{
    public static readonly string DefaultDirectory = Path.Combine("data", "fonts", "held-out");

    public static readonly IReadOnlyList<FontFile> All =
    [
        new("fonts-dejavu-extra", "truetype/dejavu/DejaVuSansCondensed.ttf", "Bitstream-Vera"),
        new("fonts-freefont-ttf", "truetype/freefont/FreeSerif.ttf", "GPL-3.0-or-later WITH Font-exception-2.0"),
        new("fonts-liberation2", "truetype/liberation2/LiberationMono-Regular.ttf", "OFL-1.1"),
        new("fonts-liberation2", "truetype/liberation2/LiberationSans-Bold.ttf", "OFL-1.1"),
    ];

    /// <summary>Versions of the Debian packages the shipped copies were taken from (data/fonts/README.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> PackageVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fonts-dejavu-extra"] = "2.37-6",
        ["fonts-freefont-ttf"] = "20120503-10",
        ["fonts-liberation2"] = "2.1.5-1",
    };

    /// <summary>The held-out font files in <paramref name="directory"/>, in list order.</summary>
    public static IReadOnlyList<string> Resolve(string directory)
    {
        var paths = All.Select(f => Path.Combine(directory, Path.GetFileName(f.RelativePath))).ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"Held-out fonts missing: {string.Join(", ", missing)}.");
        return paths;
    }

    public static bool IsHeldOut(string fileName) =>
        All.Any(f => string.Equals(Path.GetFileName(f.RelativePath), Path.GetFileName(fileName), StringComparison.Ordinal));
}

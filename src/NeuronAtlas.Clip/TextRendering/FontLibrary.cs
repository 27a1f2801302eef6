using SkiaSharp;

namespace NeuronAtlas.Clip.TextRendering;

/// <summary>
/// The fonts text is rendered with, loaded by file (SkiaSharp's NoDependencies build has no fontconfig).
/// The shipped set is data/fonts; every *.ttf and *.otf there, in ordinal file-name order.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    private readonly SKTypeface[] _typefaces;

    public IReadOnlyList<string> Files { get; }
    public int Count => _typefaces.Length;

    private FontLibrary(IReadOnlyList<string> files, SKTypeface[] typefaces)
    {
        Files = files;
        _typefaces = typefaces;
    }

    public static FontLibrary FromDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Font folder not found: {directory}");
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".ttf" or ".otf")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new InvalidDataException($"No .ttf or .otf fonts in {directory}.");
        return FromFiles(files);
    }

    /// <summary>The given font files, in the given order.</summary>
    public static FontLibrary FromFiles(IReadOnlyList<string> files)
    {
        if (files.Count == 0) throw new ArgumentException("A font library needs at least one font file.", nameof(files));
        var missing = files.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null) throw new FileNotFoundException($"Font file not found: {missing}", missing);
        var typefaces = files.Select(f => SKTypeface.FromFile(f)
            ?? throw new InvalidDataException($"SkiaSharp cannot read the font {f}.")).ToArray();
        return new FontLibrary(files.ToList(), typefaces);
    }

    /// <summary>The fonts under {repoRoot}/data/fonts.</summary>
    public static FontLibrary Shipped(string repoRoot) => FromDirectory(Path.Combine(repoRoot, "data", "fonts"));

    public SKTypeface this[int index] => _typefaces[index];

    /// <summary>The fonts that have a glyph for every character of <paramref name="text"/> (whitespace aside).</summary>
    public IReadOnlyList<int> FontsCovering(string text)
    {
        var visible = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return Enumerable.Range(0, _typefaces.Length).Where(i =>
        {
            using var font = new SKFont(_typefaces[i]);
            return visible.Length == 0 || font.ContainsGlyphs(visible);
        }).ToList();
    }

    /// <summary>A hash of the font files' bytes: renderings change when it does.</summary>
    public string ContentHash() =>
        NeuronAtlas.Core.Images.ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(string.Join(",", Files.Select(f => NeuronAtlas.Core.Images.ContentHash.Of(File.ReadAllBytes(f))))));

    public void Dispose()
    {
        foreach (var t in _typefaces) t.Dispose();
    }
}

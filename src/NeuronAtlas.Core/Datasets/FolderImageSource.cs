namespace NeuronAtlas.Core.Datasets;

/// <summary>Every image file below a folder, in ordinal path order. The label is the file's parent folder name.</summary>
public sealed class FolderImageSource : IImageSource
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp" };
    private readonly string _root;
    private readonly string[] _files;

    public string Name { get; }
    public int Count => _files.Length;

    public FolderImageSource(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder not found: {folder}");
        _root = Path.GetFullPath(folder);
        Name = Path.GetFileName(_root.TrimEnd(Path.DirectorySeparatorChar));
        _files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetRelativePath(_root, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (_files.Length == 0) throw new InvalidDataException($"No images (jpg, png, webp, gif, bmp) found under {folder}.");
    }

    public ImageRecord Describe(int index)
    {
        var file = _files[index];
        var parent = Path.GetDirectoryName(file);
        var label = string.IsNullOrEmpty(parent) ? Path.GetFileNameWithoutExtension(file) : Path.GetFileName(parent);
        return new ImageRecord(file, label, Source: Name);
    }

    public byte[] ReadBytes(int index) => File.ReadAllBytes(Path.Combine(_root, _files[index]));

    public void Dispose() { }
}

namespace NeuronAtlas.Core.Datasets;

/// <summary>
/// Opens a dataset by name (a folder under data/datasets/) or by path (a packaged dataset or any image folder);
/// several joined by '+' ("emoji+emoji-words") are read one after another as one dataset.
/// </summary>
public static class ImageSources
{
    public const string Separator = "+";

    public static IImageSource Open(string nameOrPath, string repoRoot)
    {
        if (nameOrPath.Contains(Separator) && !Directory.Exists(nameOrPath))
        {
            var parts = new List<IImageSource>();
            try
            {
                foreach (var part in nameOrPath.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    parts.Add(OpenOne(part, repoRoot));
            }
            catch
            {
                foreach (var opened in parts) opened.Dispose();
                throw;
            }
            return new ConcatenatedImageSource(parts);
        }
        return OpenOne(nameOrPath, repoRoot);
    }

    private static IImageSource OpenOne(string nameOrPath, string repoRoot)
    {
        var named = Path.Combine(repoRoot, "data", "datasets", nameOrPath);
        var folder = Directory.Exists(nameOrPath) ? nameOrPath : Directory.Exists(named) ? named : null;
        if (folder is null)
            throw new DirectoryNotFoundException($"'{nameOrPath}' is neither an image folder nor a dataset under {Path.Combine(repoRoot, "data", "datasets")}.");
        return File.Exists(Path.Combine(folder, "labels.csv")) && File.Exists(Path.Combine(folder, "images.zip"))
            ? new ZipDatasetSource(folder)
            : new FolderImageSource(folder);
    }
}

namespace NeuronAtlas.Core.Datasets;

/// <summary>Opens a dataset by name (a folder under data/datasets/) or by path (a packaged dataset or any image folder).</summary>
public static class ImageSources
{
    public static IImageSource Open(string nameOrPath, string repoRoot)
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

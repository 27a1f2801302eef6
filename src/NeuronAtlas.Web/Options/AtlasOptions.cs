namespace NeuronAtlas.Web.Options;

/// <summary>
/// The "Atlas" section of appsettings.json (or Atlas__X environment variables, or --Atlas:X=... arguments). Relative
/// paths resolve against <see cref="DataRoot"/>.
/// </summary>
public sealed class AtlasOptions
{
    public const string Section = "Atlas";

    /// <summary>
    /// The folder relative data paths resolve against; relative itself, it resolves against the content root (the
    /// repository root under 'dotnet run', the publish folder otherwise). Defaults to "" (the content root). The embedded
    /// catalog build reads its dataset, notes and feature-vis archive from data/ under it.
    /// </summary>
    public string DataRoot { get; set; } = "";

    /// <summary>The SQLite catalog the pages read. Defaults to "data/atlas.db".</summary>
    public string CatalogPath { get; set; } = "data/atlas.db";

    /// <summary>Where model manifests live (one folder per model). Defaults to "data/models".</summary>
    public string ModelsDirectory { get; set; } = "data/models";

    /// <summary>Fonts for the typographic lab (.ttf/.otf). Defaults to "data/fonts".</summary>
    public string FontsDirectory { get; set; } = "data/fonts";

    /// <summary>Label sets for CLIP zero-shot labels ({name}.txt). Defaults to "data/labels".</summary>
    public string LabelsDirectory { get; set; } = "data/labels";

    /// <summary>Build the embedded default catalog in the background when <see cref="CatalogPath"/> is missing. Defaults to true.</summary>
    public bool BuildCatalogOnStart { get; set; } = true;

    /// <summary>
    /// The public address of the site (e.g. "https://atlas.example.org"), used for absolute links in OpenGraph tags.
    /// Empty (the default) uses the scheme and host of each request.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Cache-Control max-age of public pages and JSON, in seconds. Defaults to 300.</summary>
    public int PageMaxAgeSeconds { get; set; } = 300;

    /// <summary>Values read from the catalog kept in memory (models, layer pages, neurons), least recently used dropped first. Defaults to 4096.</summary>
    public int CatalogCacheEntries { get; set; } = 4096;

    public string DataRootFullPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataRoot));

    /// <summary>A configured path made absolute: relative paths resolve against <see cref="DataRoot"/>.</summary>
    public string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(DataRootFullPath(contentRoot), path));

    public string CatalogFullPath(string contentRoot) => Resolve(contentRoot, CatalogPath);

    public string ModelsFullPath(string contentRoot) => Resolve(contentRoot, ModelsDirectory);

    public string FontsFullPath(string contentRoot) => Resolve(contentRoot, FontsDirectory);

    public string LabelsFullPath(string contentRoot) => Resolve(contentRoot, LabelsDirectory);
}

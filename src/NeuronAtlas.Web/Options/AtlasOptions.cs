namespace NeuronAtlas.Web.Options;

/// <summary>The "Atlas" section of appsettings.json. Relative paths resolve against the repository root.</summary>
public sealed class AtlasOptions
{
    public const string Section = "Atlas";

    /// <summary>The SQLite catalog the pages read. Defaults to "data/atlas.db".</summary>
    public string CatalogPath { get; set; } = "data/atlas.db";

    /// <summary>Where model manifests live (one folder per model). Defaults to "data/models".</summary>
    public string ModelsDirectory { get; set; } = "data/models";

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

    /// <summary>The catalog's absolute path, resolving a relative <see cref="CatalogPath"/> against the repository root.</summary>
    public string CatalogFullPath(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, CatalogPath));

    public string ModelsFullPath(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, ModelsDirectory));
}

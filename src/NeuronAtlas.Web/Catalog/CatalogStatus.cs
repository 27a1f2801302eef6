namespace NeuronAtlas.Web.Catalog;

public enum CatalogStatus
{
    /// <summary>Startup has not looked at the catalog yet.</summary>
    Starting,
    /// <summary>The embedded catalog is being computed in the background.</summary>
    Building,
    /// <summary>The catalog is open read-only and pages are served.</summary>
    Ready,
    /// <summary>No catalog and building on start is disabled.</summary>
    Missing,
    /// <summary>Building or opening the catalog failed; <see cref="CatalogState.Error"/> says why.</summary>
    Failed,
}

using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Whether the catalog can be read yet, and once it can, how to open it and which version it is.
/// An open catalog is immutable; while a first start still builds later models it is a snapshot of the models built so
/// far, replaced by the complete catalog at the end, so its version (the latest ComputedAt) keys every cache.
/// </summary>
public sealed class CatalogState
{
    private volatile Snapshot _snapshot = new(CatalogStatus.Starting, null, null, null, 0, []);

    private sealed record Snapshot(CatalogStatus Status, DatasetPassProgress? Progress, string? Error,
        DbContextOptions<AtlasDbContext>? Options, long Version, IReadOnlyList<string> PendingModels);

    public CatalogStatus Status => _snapshot.Status;
    public DatasetPassProgress? Progress => _snapshot.Progress;
    public string? Error => _snapshot.Error;
    public bool IsReady => _snapshot.Status == CatalogStatus.Ready;

    /// <summary>Models the first start is still building while the ones before them are served.</summary>
    public IReadOnlyList<string> PendingModels => _snapshot.PendingModels;

    /// <summary>Ready with every model: only then may pages be cached, since the catalog will not change under them.</summary>
    public bool IsComplete => _snapshot is { Status: CatalogStatus.Ready, PendingModels.Count: 0 };

    /// <summary>The newest ComputedAt of the catalog's models, in Unix milliseconds; 0 until ready.</summary>
    public long Version => _snapshot.Version;

    public AtlasDbContext OpenContext() =>
        new(_snapshot.Options ?? throw new InvalidOperationException($"The catalog is not ready (status {Status})."));

    internal void MarkBuilding(DatasetPassProgress? progress) =>
        _snapshot = new(CatalogStatus.Building, progress, null, null, 0, []);

    /// <summary>Build progress: the "building" page's while nothing is served yet, the pending models' once some are.</summary>
    internal void ReportBuildProgress(DatasetPassProgress progress)
    {
        var current = _snapshot;
        _snapshot = current.Status == CatalogStatus.Ready ? current with { Progress = progress } : new(CatalogStatus.Building, progress, null, null, 0, []);
    }

    internal void MarkMissing(string message) => _snapshot = new(CatalogStatus.Missing, null, message, null, 0, []);

    internal void MarkFailed(string message) => _snapshot = new(CatalogStatus.Failed, null, message, null, 0, []);

    /// <summary>Opens the catalog read-only and reads its version; throws when the file is not a usable catalog.</summary>
    /// <param name="pendingModels">Models still being built into a later catalog; empty when this one is complete.</param>
    internal void MarkReady(string catalogPath, IReadOnlyList<string>? pendingModels = null)
    {
        var options = CatalogDatabase.ReadOnlyOptions(catalogPath);
        using var db = new AtlasDbContext(options);
        var computed = db.Models.Select(m => m.ComputedAt).ToList();
        long version = computed.Count == 0 ? 0 : computed.Max().ToUnixTimeMilliseconds();
        // The progress so far was the finished model's; the next model's comes with its first report.
        _snapshot = new(CatalogStatus.Ready, null, null, options, version, pendingModels ?? []);
    }
}

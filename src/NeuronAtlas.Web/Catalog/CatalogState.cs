using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Whether the catalog can be read yet, and once it can, how to open it and which version it is.
/// The catalog is immutable while the app runs, so its version (the latest ComputedAt) keys every cache.
/// </summary>
public sealed class CatalogState
{
    private volatile Snapshot _snapshot = new(CatalogStatus.Starting, null, null, null, 0);

    private sealed record Snapshot(CatalogStatus Status, DatasetPassProgress? Progress, string? Error,
        DbContextOptions<AtlasDbContext>? Options, long Version);

    public CatalogStatus Status => _snapshot.Status;
    public DatasetPassProgress? Progress => _snapshot.Progress;
    public string? Error => _snapshot.Error;
    public bool IsReady => _snapshot.Status == CatalogStatus.Ready;

    /// <summary>The newest ComputedAt of the catalog's models, in Unix milliseconds; 0 until ready.</summary>
    public long Version => _snapshot.Version;

    public AtlasDbContext OpenContext() =>
        new(_snapshot.Options ?? throw new InvalidOperationException($"The catalog is not ready (status {Status})."));

    internal void MarkBuilding(DatasetPassProgress? progress) =>
        _snapshot = new(CatalogStatus.Building, progress, null, null, 0);

    internal void MarkMissing(string message) => _snapshot = new(CatalogStatus.Missing, null, message, null, 0);

    internal void MarkFailed(string message) => _snapshot = new(CatalogStatus.Failed, null, message, null, 0);

    /// <summary>Opens the catalog read-only and reads its version; throws when the file is not a usable catalog.</summary>
    internal void MarkReady(string catalogPath)
    {
        var options = CatalogDatabase.ReadOnlyOptions(catalogPath);
        using var db = new AtlasDbContext(options);
        var computed = db.Models.Select(m => m.ComputedAt).ToList();
        long version = computed.Count == 0 ? 0 : computed.Max().ToUnixTimeMilliseconds();
        _snapshot = new(CatalogStatus.Ready, null, null, options, version);
    }
}

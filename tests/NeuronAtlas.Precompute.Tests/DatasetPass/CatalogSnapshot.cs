using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Tests.DatasetPass;

/// <summary>Everything a dataset pass computes, flattened so two catalogs can be compared for equality.</summary>
public static class CatalogSnapshot
{
    public static List<string> Of(string catalogPath)
    {
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalogPath));
        var rows = new List<string>();
        foreach (var n in db.Neurons.Include(n => n.Layer).Include(n => n.Examples).OrderBy(n => n.Layer!.LayerId).ThenBy(n => n.Index))
        {
            rows.Add($"{n.Layer!.LayerId}/{n.Index} mean={n.Mean:R} std={n.Std:R} max={n.Max:R} active={n.ActiveFraction:R} hist={Convert.ToBase64String(n.Histogram)} top={n.TopImageHash}");
            rows.AddRange(n.Examples.OrderBy(e => e.Rank).Select(e =>
                $"  #{e.Rank} {e.ImageHash} {e.Activation:R} max={e.MapMax:R} map={Convert.ToBase64String(e.SpatialMap)}"));
        }
        rows.AddRange(db.Images.OrderBy(i => i.Hash).Select(i => $"image {i.Hash} {i.Label} {i.OriginalName} {i.Thumbnail.Length}"));
        return rows;
    }

    /// <summary>The checkpoint's next image, or null when the catalog has none; read without disturbing a running pass.</summary>
    public static int? CheckpointNextImage(string catalogPath)
    {
        if (!File.Exists(catalogPath)) return null;
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalogPath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT NextImage FROM DatasetPassCheckpoints LIMIT 1";
            return cmd.ExecuteScalar() is long next ? (int)next : null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // locked by a commit in progress, or not yet migrated
        }
    }

    public static string IntegrityCheck(string catalogPath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalogPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return (string)cmd.ExecuteScalar()!;
    }
}

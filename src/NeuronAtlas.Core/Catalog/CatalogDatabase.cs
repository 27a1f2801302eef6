using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NeuronAtlas.Core.Catalog;

/// <summary>Opens the SQLite catalog: read-write (applying migrations) for precompute, read-only for the web app.</summary>
public static class CatalogDatabase
{
    public static DbContextOptions<AtlasDbContext> ReadOnlyOptions(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Catalog not found: {path}. Build it with 'precompute dataset-pass'.", path);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true };
        return new DbContextOptionsBuilder<AtlasDbContext>()
            .UseSqlite(connection.ToString())
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
    }

    public static DbContextOptions<AtlasDbContext> ReadWriteOptions(string path)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        return new DbContextOptionsBuilder<AtlasDbContext>().UseSqlite(connection.ToString()).Options;
    }

    /// <summary>Opens (creating if needed) a catalog for writing and brings its schema up to date.</summary>
    public static AtlasDbContext OpenForWriting(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var db = new AtlasDbContext(ReadWriteOptions(path));
        db.Database.Migrate();
        return db;
    }
}

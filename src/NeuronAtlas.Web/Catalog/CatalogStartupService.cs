using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Opens the catalog when the app starts; if it is missing and building on start is enabled, builds it in the
/// background into a temporary file beside it and moves it into place, so a half-built catalog is never opened.
/// Each model finished before the last is published as a snapshot (VACUUM INTO a preview file) and served while the
/// rest build, so a first start is browsable after its first model, not its last.
/// </summary>
public sealed class CatalogStartupService(
    CatalogState state,
    ICatalogBuilder builder,
    IOptions<AtlasOptions> options,
    IHostEnvironment environment,
    ILogger<CatalogStartupService> logger) : BackgroundService
{
    private string CatalogPath => options.Value.CatalogFullPath(environment.ContentRootPath);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Decided before the server listens, so no request sees an undecided catalog when it already exists.
        if (File.Exists(CatalogPath))
        {
            Open(CatalogPath);
            return Task.CompletedTask;
        }
        if (!options.Value.BuildCatalogOnStart)
        {
            string message = $"No catalog at {CatalogPath}, and Atlas:BuildCatalogOnStart is false. Build one with 'precompute'.";
            logger.LogWarning("{Message}", message);
            state.MarkMissing(message);
            return Task.CompletedTask;
        }
        state.MarkBuilding(null);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string path = CatalogPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.building-{Environment.ProcessId}";
        logger.LogInformation("No catalog at {Path}: building the embedded atlas (this takes a few minutes).", path);
        var previews = new List<string>();
        try
        {
            DeleteStaleFiles(path);
            DeleteDatabaseFiles(temp);
            var progress = new CatalogBuildProgress(state, logger, TimeSpan.FromSeconds(10));
            await builder.BuildAsync(temp, progress, pending => PublishPreview(temp, path, pending, previews), stoppingToken);
            File.Move(temp, path, overwrite: false);
            Open(path);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Catalog build cancelled by shutdown.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Building the catalog failed.");
            state.MarkFailed($"Building the catalog failed: {e.Message}");
        }
        finally
        {
            DeleteDatabaseFiles(temp);
            if (previews.Count > 0)
            {
                SqliteConnection.ClearAllPools();
                foreach (var preview in previews) DeleteDatabaseFiles(preview);
            }
        }
    }

    /// <summary>Serves a copy of what is built so far while <paramref name="pending"/> models are still to come.</summary>
    private void PublishPreview(string building, string path, IReadOnlyList<string> pending, List<string> previews)
    {
        if (pending.Count == 0) return;
        string preview = $"{path}.preview-{Environment.ProcessId}-{previews.Count}";
        DeleteDatabaseFiles(preview);
        previews.Add(preview);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", preview);
            command.ExecuteNonQuery();
        }
        state.MarkReady(preview, pending);
        logger.LogInformation("The atlas is browsable with the models built so far; still building {Pending}.", string.Join(", ", pending));
    }

    /// <summary>Half-built files and previews left by a process that was killed (their process id is not running).</summary>
    private static void DeleteStaleFiles(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        foreach (var kind in new[] { ".building-", ".preview-" })
            foreach (var file in Directory.EnumerateFiles(directory, name + kind + "*"))
            {
                var owner = Path.GetFileName(file)[(name.Length + kind.Length)..].Split('-', '.')[0];
                if (int.TryParse(owner, out int pid) && pid != Environment.ProcessId && !IsRunning(pid)) File.Delete(file);
            }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Open(string path)
    {
        try
        {
            state.MarkReady(path);
            logger.LogInformation("Catalog ready: {Path} (version {Version}).", path, state.Version);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The catalog at {Path} cannot be opened.", path);
            state.MarkFailed($"The catalog at {path} cannot be opened: {e.Message}");
        }
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(file)) File.Delete(file);
    }
}

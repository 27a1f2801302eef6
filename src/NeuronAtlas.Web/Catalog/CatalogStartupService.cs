using Microsoft.Extensions.Options;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Catalog;

/// <summary>
/// Opens the catalog when the app starts; if it is missing and building on start is enabled, builds it in the
/// background into a temporary file beside it and moves it into place, so a half-built catalog is never opened.
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
        try
        {
            DeleteDatabaseFiles(temp);
            var progress = new CatalogBuildProgress(state, logger, TimeSpan.FromSeconds(10));
            await builder.BuildAsync(temp, progress, stoppingToken);
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

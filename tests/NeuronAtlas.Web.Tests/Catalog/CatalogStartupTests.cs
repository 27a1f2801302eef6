using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Web.Catalog;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Catalog;

public sealed class CatalogStartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "neuronatlas-startup-" + Guid.NewGuid().ToString("N"));
    private string MissingCatalog => Path.Combine(_directory, "atlas.db");

    public CatalogStartupTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task While_the_catalog_builds_every_page_shows_progress_and_then_the_atlas()
    {
        using var testCatalog = new TestCatalog();
        var builder = new ControlledCatalogBuilder(testCatalog.Path);
        using var factory = new AtlasWebFactory(MissingCatalog, new Dictionary<string, string?> { ["Atlas:BuildCatalogOnStart"] = "true" },
            services => services.AddSingleton<ICatalogBuilder>(builder));
        using var client = factory.CreateAtlasClient();

        await builder.Reported.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var home = await client.GetAsync("/");
        var neuron = await client.GetAsync("/models/resnet18/layer4/3");
        var health = await client.GetAsync("/health");

        foreach (var response in new[] { home, neuron })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Building the atlas: 42%", html);
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\"", html);
        }
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Degraded", await health.Content.ReadAsStringAsync());
        Assert.False(File.Exists(MissingCatalog), "the catalog appears only once complete");

        builder.Release.SetResult();
        await WaitUntilHealthyAsync(client);

        var ready = await client.GetAsync("/models/resnet18/layer4/3");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(TestCatalog.NoteLabel, await ready.Content.ReadAsStringAsync());
        Assert.True(File.Exists(MissingCatalog));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.building-*"));
    }

    [Fact]
    public async Task A_first_start_serves_its_first_model_while_the_next_builds_and_then_the_whole_catalog()
    {
        using var testCatalog = new TestCatalog();
        var builder = new TwoModelCatalogBuilder(testCatalog.Path);
        using var factory = new AtlasWebFactory(MissingCatalog, new Dictionary<string, string?> { ["Atlas:BuildCatalogOnStart"] = "true" },
            services => services.AddSingleton<ICatalogBuilder>(builder));
        using var client = factory.CreateAtlasClient();

        await builder.FirstModelPublished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var early = await client.GetAsync("/models/resnet18/layer4/3");
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains(TestCatalog.NoteLabel, earlyHtml);
        Assert.Contains($"Still building {TwoModelCatalogBuilder.PendingModel}: 42% (dataset pass, 42/100, ETA 0:30)", earlyHtml);
        Assert.Null(early.Headers.ETag); // a preview may not be cached: it is replaced when the build ends
        Assert.False(early.Headers.CacheControl?.Public ?? false);
        Assert.Contains("Degraded", await client.GetStringAsync("/health"));
        Assert.False(File.Exists(MissingCatalog), "the catalog appears only once complete");
        Assert.Single(Directory.EnumerateFiles(_directory, "atlas.db.preview-*"));

        builder.Release.SetResult();
        await WaitUntilHealthyAsync(client);

        var final = await client.GetAsync("/models/resnet18/layer4/3");
        var finalHtml = await final.Content.ReadAsStringAsync();
        Assert.Contains(TwoModelCatalogBuilder.FinalLabel, finalHtml);
        Assert.DoesNotContain("Still building", finalHtml);
        Assert.True(final.Headers.CacheControl?.Public);
        Assert.True(File.Exists(MissingCatalog));
        // The preview goes once the complete catalog is open (just after health turns healthy).
        await WaitForAsync(() => Task.FromResult(!Directory.EnumerateFiles(_directory).Any(f => Path.GetFileName(f).StartsWith("atlas.db.", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_failed_build_is_reported_on_every_page()
    {
        var failing = new FailingCatalogBuilder();
        using var factory = new AtlasWebFactory(MissingCatalog, new Dictionary<string, string?> { ["Atlas:BuildCatalogOnStart"] = "true" },
            services => services.AddSingleton<ICatalogBuilder>(failing));
        using var client = factory.CreateAtlasClient();

        await WaitForAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable);
        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/models/resnet18");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Building the catalog failed: no dataset here", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no dataset here", problem.GetProperty("detail").GetString());
        Assert.Empty(Directory.EnumerateFiles(_directory)); // the half-built file is removed
    }

    private static Task WaitUntilHealthyAsync(HttpClient client) =>
        WaitForAsync(async () => (await client.GetStringAsync("/health")) == "Healthy");

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true within 15 s.");
            await Task.Delay(50);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Reports 42% and then waits to be released before "building" (copying) the catalog.</summary>
    private sealed class ControlledCatalogBuilder(string sourceCatalog) : ICatalogBuilder
    {
        public TaskCompletionSource Reported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, Action<IReadOnlyList<string>> modelBuilt, CancellationToken ct)
        {
            progress.Report(new DatasetPassProgress("dataset pass", 42, 100, 12.5, TimeSpan.FromSeconds(30)));
            Reported.SetResult();
            await Release.Task.WaitAsync(ct);
            File.Copy(sourceCatalog, catalogPath);
        }
    }

    /// <summary>
    /// "Builds" the test catalog as its first model, reports a second one pending, waits to be released, then changes the
    /// noted neuron's label in the file being built (so the final catalog is told apart from the preview) and, as a model computed
    /// later would, moves the newest ComputedAt on, and finishes.
    /// </summary>
    private sealed class TwoModelCatalogBuilder(string sourceCatalog) : ICatalogBuilder
    {
        public const string PendingModel = "later-model";
        public const string FinalLabel = "final circles";
        public TaskCompletionSource FirstModelPublished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, Action<IReadOnlyList<string>> modelBuilt, CancellationToken ct)
        {
            File.Copy(sourceCatalog, catalogPath);
            modelBuilt([PendingModel]);
            progress.Report(new DatasetPassProgress("dataset pass", 42, 100, 12.5, TimeSpan.FromSeconds(30)));
            FirstModelPublished.SetResult();
            await Release.Task.WaitAsync(ct);
            using var connection = new SqliteConnection($"Data Source={catalogPath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE Neurons SET Label = $label WHERE Label = $old";
            command.Parameters.AddWithValue("$label", FinalLabel);
            command.Parameters.AddWithValue("$old", TestCatalog.NoteLabel);
            Assert.Equal(1, command.ExecuteNonQuery());
            command.CommandText = "UPDATE Models SET ComputedAt = $now WHERE Id = $model";
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$model", TestCatalog.TinyModel);
            Assert.Equal(1, command.ExecuteNonQuery());
            modelBuilt([]);
        }
    }

    private sealed class FailingCatalogBuilder : ICatalogBuilder
    {
        public async Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, Action<IReadOnlyList<string>> modelBuilt, CancellationToken ct)
        {
            await File.WriteAllTextAsync(catalogPath, "half a catalog", ct);
            throw new InvalidOperationException("no dataset here");
        }
    }
}

using Microsoft.Data.Sqlite;
using NeuronAtlas.Clip.Findings;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Clip.Tests.Findings;

public sealed class FindingsStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuronatlas-findings-store-").FullName;

    private static FindingsReport Report(string model, int count) => new(model, model, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        new FindingsSetup(2, 0, 0, GlyphConcepts.Description, "layer4", "emoji", 8, "openmoji-line", "emoji-words", 8, 0.01, 0.5, 200, 10, ["{}"], [], 4),
        new ModelFigures(model, model, "model",
            new LayerCensus("layer4", "layer4", new CensusResult(4, 1, count, count, 0, count, count, 1, []), ControlStatistics.Of([0, 1]), null, "layer4"),
            new LayerCensus("pool", "pool", new CensusResult(2, 1, 0, 0, 0, 0, 0, 2, []), ControlStatistics.Of([0]), ControlStatistics.Of([1]), null),
            [new ZeroShotScore("words", 8, 0.5, 1)]),
        [], null, null, []);

    [Fact]
    public void A_findings_file_imports_into_the_catalog_and_replaces_earlier_findings()
    {
        var catalog = Path.Combine(_directory, "atlas.db");
        var file = Path.Combine(_directory, FindingsStore.FileName);
        File.WriteAllText(file, Report("demo", 3).ToJson());
        using (var db = CatalogDatabase.OpenForWriting(catalog))
        {
            FindingsStore.Save(db, Report("demo", 1));
            FindingsStore.Import(db, "demo", file);
        }

        using var read = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var row = Assert.Single(read.Findings.ToList());
        var stored = FindingsReport.FromJson(row.Json);
        Assert.Equal(3, stored.Figures.LastBlock.Census.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), row.ComputedAt);
        Assert.Equal(0.5, stored.Figures.ZeroShot[0].Top1);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Another_models_findings_file_is_refused()
    {
        var file = Path.Combine(_directory, FindingsStore.FileName);
        File.WriteAllText(file, Report("resnet18", 1).ToJson());
        using var db = CatalogDatabase.OpenForWriting(Path.Combine(_directory, "atlas.db"));

        var error = Assert.Throws<InvalidDataException>(() => FindingsStore.Import(db, "demo", file));

        Assert.Contains("'resnet18', not of 'demo'", error.Message);
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

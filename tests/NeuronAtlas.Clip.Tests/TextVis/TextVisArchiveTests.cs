using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.Clip.TextVis.Storage;

namespace NeuronAtlas.Clip.Tests.TextVis;

public class TextVisArchiveTests
{
    private static TextVisOptions Options(string catalog, int renderings = 3, string? archive = null) => new()
    {
        Model = ClipTestExports.TinyResNet(), CatalogPath = catalog, Phrases = TinyClipCatalog.Phrases(24),
        FontsDirectory = TinyClipCatalog.FontsDirectory, Renderings = renderings, PhrasesPerBatch = 2, CheckpointEvery = 6,
        Archive = archive,
    };

    private static string ArchivePath() => Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-textvis-archive-").FullName, "tiny.zip");

    private static string Export(string catalog)
    {
        var archive = ArchivePath();
        using var db = CatalogDatabase.OpenForWriting(catalog);
        Assert.Equal(24, TextVisArchive.Export(new TextVisStore(db, ClipTestExports.TinyResNet().Id), ClipTestExports.TinyResNet(), archive));
        return archive;
    }

    private static Dictionary<string, float[]> Rows(string catalog)
    {
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var store = new TextVisStore(db, ClipTestExports.TinyResNet().Id);
        return store.Tensors().ToDictionary(t => t, t => store.ReadMatrix(t).Rows);
    }

    [Fact]
    public async Task A_matching_archive_gives_the_computed_result_without_drawing_a_phrase()
    {
        var computed = TinyClipCatalog.Create();
        await new TextVisPass(Options(computed)).RunAsync();
        var archive = Export(computed);

        var imported = TinyClipCatalog.Create();
        var result = await new TextVisPass(Options(imported, archive: archive)).RunAsync();

        Assert.Equal(24, result.ResumedFrom); // every phrase came from the archive
        var expectedRows = Rows(computed);
        var importedRows = Rows(imported);
        Assert.Equal(expectedRows.Keys.Order(), importedRows.Keys.Order());
        foreach (var (tensor, rows) in expectedRows) Assert.Equal(rows, importedRows[tensor]);
        Assert.Equal(TextVisSnapshot.Of(computed), TextVisSnapshot.Of(imported));
    }

    [Fact]
    public async Task An_archive_of_other_settings_is_not_used_and_the_run_computes()
    {
        var threeRenderings = TinyClipCatalog.Create();
        await new TextVisPass(Options(threeRenderings)).RunAsync();
        var archive = Export(threeRenderings);

        var withArchive = TinyClipCatalog.Create();
        var result = await new TextVisPass(Options(withArchive, renderings: 2, archive: archive)).RunAsync();
        var plain = TinyClipCatalog.Create();
        await new TextVisPass(Options(plain, renderings: 2)).RunAsync();

        Assert.Equal(0, result.ResumedFrom);
        Assert.Equal(TextVisSnapshot.Of(plain), TextVisSnapshot.Of(withArchive));
        Assert.NotEqual(TextVisSnapshot.Of(threeRenderings), TextVisSnapshot.Of(withArchive));
    }

    [Fact]
    public void The_key_changes_with_the_model_files_bytes()
    {
        var source = ClipTestExports.TinyResNet();
        var copy = Directory.CreateTempSubdirectory("neuronatlas-textvis-key-").FullName;
        foreach (var file in Directory.GetFiles(source.BaseDirectory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var manifest = ModelManifestLoader.Load(Path.Combine(copy, "manifest.json"));
        string before = TextVisArchive.Key("settings", manifest);
        Assert.Equal(before, TextVisArchive.Key("settings", source));
        Assert.NotEqual(before, TextVisArchive.Key("other settings", manifest));

        var onnx = ModelManifestLoader.ResolveOnnxPath(manifest);
        var bytes = File.ReadAllBytes(onnx);
        bytes[^1] ^= 1; // as a retrained model would: same manifest, other weights
        File.WriteAllBytes(onnx, bytes);
        Assert.NotEqual(before, TextVisArchive.Key("settings", manifest));
    }

    [Fact]
    public async Task A_missing_archive_is_not_used_and_the_run_computes()
    {
        var catalog = TinyClipCatalog.Create();
        var result = await new TextVisPass(Options(catalog, archive: Path.Combine(Path.GetTempPath(), "no-such-text-vis.zip"))).RunAsync();
        Assert.Equal(0, result.ResumedFrom);
        Assert.Equal(24, result.Phrases);
    }
}

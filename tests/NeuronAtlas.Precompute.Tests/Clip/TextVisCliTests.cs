using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.Tests.TextVis;

namespace NeuronAtlas.Precompute.Tests.Clip;

public class TextVisCliTests
{
    [Fact]
    public void Text_vis_killed_with_SIGKILL_resumes_to_the_uninterrupted_catalog_with_sixteen_phrases_per_neuron()
    {
        var model = ClipTestExports.TinyResNetDirectory;
        var images = SyntheticImages.WriteFolder(16, seed: 12);
        var dir = Directory.CreateTempSubdirectory("neuronatlas-textvis-cli-").FullName;
        string[] TextVis(string catalog) =>
            ["text-vis", "--model", model, "--catalog", catalog, "--max-phrases", "400", "--renderings", "4", "--batch-phrases", "2", "--checkpoint-every", "8"];
        string[] Prepare(string catalog) => ["dataset-pass", "--model", model, "--images", images, "--catalog", catalog, "--layers", "image_block_4_1", "--top-k", "4"];

        var reference = Path.Combine(dir, "reference.db");
        Run(Prepare(reference));
        Run(TextVis(reference));

        var resumed = Path.Combine(dir, "resumed.db");
        Run(Prepare(resumed));
        int? killedAt = null;
        for (int attempt = 0; attempt < 3 && killedAt is null; attempt++)
        {
            using var run = PrecomputeProcess.Start(TextVis(resumed));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!run.HasExited && DateTime.UtcNow < deadline && NextPhrase(resumed) is null or 0) Thread.Sleep(20);
            bool finished = run.HasExited;
            run.Kill();
            if (!finished && NextPhrase(resumed) is int next && next < 400) killedAt = next;
        }
        Assert.NotNull(killedAt);
        var output = Run(TextVis(resumed));
        Assert.Contains("resumed from phrase", output);

        Assert.Equal(TextVisSnapshot.Of(reference), TextVisSnapshot.Of(resumed));
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(resumed));
        var perNeuron = db.TextExamples.GroupBy(t => t.NeuronId).Select(g => g.Count()).ToList();
        Assert.True(perNeuron.Count > 128, $"only {perNeuron.Count} of 256 neurons have text examples");
        Assert.True(perNeuron.Count(c => c == 16) > 100, "most active neurons keep 16 phrases");
        Assert.All(perNeuron, c => Assert.InRange(c, 1, 16));
    }

    private static string Run(string[] args)
    {
        var (code, output) = PrecomputeProcess.Run(args);
        Assert.True(code == 0, output);
        return output;
    }

    private static int? NextPhrase(string catalog)
    {
        if (!File.Exists(catalog)) return null;
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT NextPhrase FROM TextVisRuns WHERE Completed = 0 LIMIT 1";
            return cmd.ExecuteScalar() is long next ? (int)next : null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null;
        }
    }
}

using System.Text.Json;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Core.Tests.TestData;

namespace NeuronAtlas.Precompute.Tests.Clip;

public class LabelAndSearchCliTests
{
    [Fact]
    public void Label_neurons_uses_custom_concepts_and_search_neurons_finds_a_label_first()
    {
        var model = ClipTestExports.TinyResNetDirectory;
        var dir = Directory.CreateTempSubdirectory("neuronatlas-label-cli-").FullName;
        var catalog = Path.Combine(dir, "atlas.db");
        Run("dataset-pass", "--model", model, "--images", SyntheticImages.WriteFolder(12, seed: 15), "--catalog", catalog, "--layers", "image_block_4_1", "--top-k", "2");
        Run("text-vis", "--model", model, "--catalog", catalog, "--max-phrases", "60", "--renderings", "2");

        var concepts = Path.Combine(dir, "concepts.txt");
        File.WriteAllLines(concepts, ["# test concepts", "spider", "piggy bank", "iPod", "sunset"]);
        var output = Run("label-neurons", "--model", model, "--catalog", catalog, "--concepts", concepts);
        Assert.Contains("image_block_4_1:", output);
        string label;
        using (var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog)))
        {
            var labels = db.Neurons.Where(n => n.Label != null).Select(n => n.Label!).ToList();
            Assert.NotEmpty(labels);
            Assert.All(labels, l => Assert.Contains(l, new[] { "spider", "piggy bank", "iPod", "sunset" }));
            label = labels.GroupBy(l => l).OrderBy(g => g.Count()).First().Key;
        }

        var json = JsonDocument.Parse(Run("search-neurons", "--model", model, "--catalog", catalog, "--limit", "3", label)).RootElement;
        Assert.Equal(256, json.GetProperty("neurons").GetInt32());
        var first = json.GetProperty("hits")[0];
        Assert.Equal(label, first.GetProperty("label").GetString());
        Assert.Equal(2f, first.GetProperty("lexical").GetSingle());
    }

    private static string Run(params string[] args)
    {
        var (code, output) = PrecomputeProcess.Run(args);
        Assert.True(code == 0, output);
        return output;
    }
}

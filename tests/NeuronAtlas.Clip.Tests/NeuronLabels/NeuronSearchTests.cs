using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.NeuronLabels;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.Clip.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.NeuronLabels;

public class NeuronSearchTests
{
    private static readonly Lazy<(string Catalog, string Model)> Labelled = new(() =>
    {
        var catalog = TinyClipCatalog.Create();
        var manifest = ClipTestExports.TinyResNet();
        new TextVisPass(new TextVisOptions
        {
            Model = manifest, CatalogPath = catalog, Phrases = TinyClipCatalog.Phrases(60), FontsDirectory = TinyClipCatalog.FontsDirectory,
            Renderings = 2, PhrasesPerBatch = 4,
        }).RunAsync().GetAwaiter().GetResult();
        var notes = Directory.CreateTempSubdirectory("neuronatlas-notes-").FullName;
        var layerNotes = Directory.CreateDirectory(Path.Combine(notes, manifest.Id, TinyClipCatalog.Layer)).FullName;
        File.WriteAllText(Path.Combine(layerNotes, "77.md"), "---\nlabel: spider\n---\nFires on spiders.\n");
        using var db = CatalogDatabase.OpenForWriting(catalog);
        new NotesImporter(db).Import(notes, manifest.Id);
        return (catalog, manifest.Id);
    });

    private static readonly Lazy<ClipTextEncoder> Text = new(() => ClipTextEncoder.Load(ClipTestExports.TinyResNet(), new InferenceOptions()));

    [Fact]
    public void An_exact_label_match_ranks_first_and_scores_add_semantic_and_lexical_parts()
    {
        var (catalog, model) = Labelled.Value;
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var index = NeuronSearchIndex.Build(db, model, Text.Value);
        Assert.Equal(256, index.NeuronCount);

        var hits = index.Search("Spider", limit: 10);
        Assert.Equal(77, hits[0].Neuron);
        Assert.Equal("spider", hits[0].Label);
        Assert.Equal("note", hits[0].LabelSource);
        Assert.Equal(2f, hits[0].Lexical);
        Assert.Equal(hits[0].Semantic + hits[0].Lexical, hits[0].Score, 5);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));

        // The auto labels are vocabulary phrases: searching one finds the neurons carrying it first.
        var auto = db.Neurons.First(n => n.LabelSource == ClipDissectLabeling.LabelSource);
        var autoHits = index.Search(auto.Label!, limit: 5);
        Assert.Equal(auto.Label, autoHits[0].Label);
        Assert.Equal(2f, autoHits[0].Lexical);
    }

    [Fact]
    public void Without_a_text_encoder_only_label_and_phrase_matches_count()
    {
        var (catalog, model) = Labelled.Value;
        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var search = new NeuronSearch([NeuronSearchIndex.Build(db, model, text: null)]);
        var hits = search.Search("spider", limit: 50);
        Assert.Equal(77, hits[0].Neuron);
        Assert.All(hits, h => Assert.Equal(0f, h.Semantic));
        Assert.Empty(search.Search("spider", modelId: "other-model"));
        Assert.Empty(search.Search("   "));
    }

    [Fact]
    public void Notes_labels_survive_automatic_relabelling()
    {
        var (catalog, model) = Labelled.Value;
        using var db = CatalogDatabase.OpenForWriting(catalog);
        var labels = ClipDissectLabeling.Apply(db, model, [TinyClipCatalog.Layer]);
        Assert.Equal(256, labels[TinyClipCatalog.Layer].Length);
        var noted = db.Neurons.AsNoTracking().Single(n => n.Index == 77);
        Assert.Equal(("spider", "note"), (noted.Label, noted.LabelSource));
        var automatic = db.Neurons.AsNoTracking().Where(n => n.LabelSource == "auto").ToList();
        Assert.NotEmpty(automatic);
        Assert.All(automatic, n => Assert.Equal(labels[TinyClipCatalog.Layer][n.Index].Concept, n.Label));
        Assert.All(automatic, n => Assert.InRange(n.LabelConfidence!.Value, -1f, 1f));
    }

    [Theory]
    [InlineData("cat", "black cat", 1f)]
    [InlineData("cat", "category", 0f)]
    [InlineData("black cat on a mat", "black cat", 1f)]
    [InlineData("CAT", "cat", 2f)]
    public void Label_matches_are_whole_words(string query, string label, float expected) =>
        Assert.Equal(expected, NeuronSearchIndex.Lexical(query, label, []));
}

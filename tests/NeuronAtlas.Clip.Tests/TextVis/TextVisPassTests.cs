using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.Clip.TextVis.Storage;

namespace NeuronAtlas.Clip.Tests.TextVis;

public class TextVisPassTests
{
    private static TextVisOptions Options(string catalog, int phrases = 40) => new()
    {
        Model = ClipTestExports.TinyResNet(), CatalogPath = catalog, Phrases = TinyClipCatalog.Phrases(phrases),
        FontsDirectory = TinyClipCatalog.FontsDirectory, Renderings = 3, PhrasesPerBatch = 2, CheckpointEvery = 6,
    };

    [Fact]
    public async Task Stores_sixteen_phrases_per_varying_neuron_with_scores_recomputable_from_single_renderings()
    {
        var catalog = TinyClipCatalog.Create();
        var options = Options(catalog);
        var result = await new TextVisPass(options).RunAsync();
        Assert.Equal(40, result.Phrases);

        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var (scores, channels) = new TextVisStore(db, options.Model.Id).ReadMatrix(TinyClipCatalog.Layer);
        Assert.Equal(256, channels);
        var examples = db.TextExamples.Include(t => t.Neuron).ToList().GroupBy(t => t.Neuron!.Index).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Rank).ToList());
        for (int c = 0; c < channels; c++)
        {
            var column = Enumerable.Range(0, 40).Select(p => scores[p * channels + c]).ToArray();
            int aboveLowest = column.Count(s => s > column.Min());
            var stored = examples.GetValueOrDefault(c, []);
            Assert.Equal(Math.Min(16, aboveLowest), stored.Count);
            var expected = Enumerable.Range(0, 40).Where(p => column[p] > column.Min()).OrderByDescending(p => column[p]).ThenBy(p => p).Take(16).ToList();
            Assert.Equal(expected.Select(p => options.Phrases[p]), stored.Select(t => t.Text));
            Assert.Equal(expected.Select(p => column[p]), stored.Select(t => t.Score));
        }
        Assert.Contains(examples.Values, list => list.Count == 16);

        // A phrase's score is the mean over its renderings of the channel's mean activation, image by image.
        using var fonts = FontLibrary.FromDirectory(options.FontsDirectory);
        var renderer = new PhraseRenderer(fonts, options.Model.Input.Width);
        var preprocessor = new ImagePreprocessor(options.Model);
        using var extractor = ActivationExtractor.Create(options.Model, new InferenceOptions(), [TinyClipCatalog.Layer]);
        const int phrase = 7;
        var sums = new double[channels];
        for (int r = 0; r < options.Renderings; r++)
        {
            var input = new float[preprocessor.TensorLength];
            using (var image = renderer.Render(options.Phrases[phrase], r)) preprocessor.WriteTensor(image, input);
            using var batch = extractor.Run(input, 1);
            var layer = batch.Tensor("image_block_4_1");
            for (int c = 0; c < channels; c++) sums[c] += layer.Slice(c * 9, 9).ToArray().Average();
        }
        for (int c = 0; c < channels; c++) Assert.Equal(sums[c] / options.Renderings, scores[phrase * channels + c], 4);
    }

    [Fact]
    public async Task A_cancelled_run_resumes_to_the_uninterrupted_result_and_other_settings_need_restart()
    {
        var reference = TinyClipCatalog.Create();
        await new TextVisPass(Options(reference)).RunAsync();

        var resumed = TinyClipCatalog.Create();
        using (var cts = new CancellationTokenSource())
        {
            var progress = new SynchronousProgress(p => { if (p.Stage == "text-vis" && p.Done >= 30) cts.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TextVisPass(Options(resumed)).RunAsync(progress, cts.Token));
        }
        using (var db = CatalogDatabase.OpenForWriting(resumed))
        {
            var run = new TextVisStore(db, ClipTestExports.TinyResNet().Id).Run()!;
            Assert.False(run.Completed);
            Assert.InRange(run.NextPhrase, 6, 39);
        }
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TextVisPass(Options(resumed, phrases: 41)).RunAsync());
        Assert.Contains("--restart", error.Message);

        var result = await new TextVisPass(Options(resumed)).RunAsync();
        Assert.InRange(result.ResumedFrom, 6, 39);
        Assert.Equal(TextVisSnapshot.Of(reference), TextVisSnapshot.Of(resumed));
    }

    [Fact]
    public async Task Text_vis_needs_the_layers_neurons_from_a_dataset_pass()
    {
        var empty = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-textvis-").FullName, "atlas.db");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TextVisPass(Options(empty)).RunAsync());
        Assert.Contains("dataset-pass", error.Message);
    }

    private sealed class SynchronousProgress(Action<DatasetPassProgress> report) : IProgress<DatasetPassProgress>
    {
        public void Report(DatasetPassProgress value) => report(value);
    }
}

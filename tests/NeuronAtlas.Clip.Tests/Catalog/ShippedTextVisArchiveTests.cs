using NeuronAtlas.Clip.Catalog;
using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Clip.Tests.Catalog;

public class ShippedTextVisArchiveTests
{
    /// <summary>
    /// Guards the first start's time: a retrained demo CLIP, a changed vocabulary or font set would make the shipped
    /// archive stale, and the first start would silently spend minutes drawing phrases again.
    /// </summary>
    [Fact]
    public async Task The_first_start_takes_the_demo_clips_text_vis_rows_from_the_shipped_archive()
    {
        string repo = ClipTestExports.RepoRoot;
        var model = EmbeddedCatalog.Models.Single(m => m.ModelId == EmbeddedCatalog.DemoClipId);
        var manifest = ModelManifestLoader.Load(Path.Combine(repo, "data", "models", model.ModelId, "manifest.json"));
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-shipped-textvis-").FullName, "atlas.db");
        using (var source = ImageSources.Open("emoji", repo))
            await new DatasetPass(new DatasetPassOptions { Model = manifest, CatalogPath = catalog, Layers = model.TextVisLayers, ImageCount = 8 })
                .RunAsync(source);

        var options = EmbeddedCatalog.TextVisOptionsFor(model, manifest, repo, catalog, new InferenceOptions());
        var result = await new TextVisPass(options).RunAsync();

        Assert.Equal(options.Phrases.Count, result.Phrases);
        Assert.Equal(options.Phrases.Count, result.ResumedFrom); // no phrase was drawn: every row came from the archive
        Assert.True(result.LabelledNeurons > 0);
    }
}

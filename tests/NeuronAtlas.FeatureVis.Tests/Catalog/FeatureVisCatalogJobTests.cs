using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Images;
using NeuronAtlas.FeatureVis.Catalog;
using NeuronAtlas.FeatureVis.Render;
using NeuronAtlas.FeatureVis.Tests.Support;
using SixLabors.ImageSharp;

namespace NeuronAtlas.FeatureVis.Tests.Catalog;

public sealed class FeatureVisCatalogJobTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("featurevis-job-").FullName;

    private string CatalogPath => Path.Combine(_folder, "atlas.db");

    [Fact]
    public async Task Stores_channel_visualizations_and_facets_then_resumes_without_rendering_them_again()
    {
        var manifest = EmbeddedModel.ResNet18();
        SeedNeurons(manifest.Id, "layer4", channels: 3);
        var options = new FeatureVisJobOptions
        {
            Model = manifest, CatalogPath = CatalogPath, Layers = ["layer4"], ChannelStart = 0, ChannelEnd = 3,
            Render = new RenderOptions { Steps = 2, ImageSize = 16, Seed = 3 }, BatchSize = 2, Facets = 2,
        };

        var first = await new FeatureVisCatalogJob(options).RunAsync();
        Assert.Equal((3, 9), (first.Neurons, first.Images));
        using (var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(CatalogPath)))
        {
            var rows = db.FeatureVisualizations.ToList();
            Assert.Equal(9, rows.Count);
            Assert.Equal([-1, -1, -1, 0, 0, 0, 1, 1, 1], rows.Select(r => r.Facet).Order().ToArray());
            Assert.All(rows, r =>
            {
                Assert.Equal(ContentHash.Of(r.Png), r.Hash);
                using var image = Image.Load(r.Png);
                Assert.Equal((16, 16), (image.Width, image.Height));
                Assert.Equal((2, 16, 3), (r.Steps, r.Size, r.Seed));
            });
        }

        var again = await new FeatureVisCatalogJob(options).RunAsync();
        Assert.Equal((0, 0), (again.Neurons, again.Images));

        // Other settings make the stored images stale: they are rendered again, in place.
        var reseeded = await new FeatureVisCatalogJob(options with { Render = options.Render with { Seed = 4 }, Facets = 0 }).RunAsync();
        Assert.Equal((3, 3), (reseeded.Neurons, reseeded.Images));
        using (var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(CatalogPath)))
            Assert.Equal(3, db.FeatureVisualizations.Count(v => v.Seed == 4 && v.Facet == -1));
    }

    [Fact]
    public async Task Names_the_missing_dataset_pass()
    {
        var manifest = EmbeddedModel.ResNet18();
        SeedNeurons(manifest.Id, "layer4", channels: 2);
        var job = new FeatureVisCatalogJob(new FeatureVisJobOptions { Model = manifest, CatalogPath = CatalogPath, Layers = ["layer3"] });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync());
        Assert.Contains("no layer 'layer3'", error.Message);
        Assert.Contains("dataset-pass", error.Message);

        var partial = new FeatureVisCatalogJob(new FeatureVisJobOptions { Model = manifest, CatalogPath = CatalogPath, Layers = ["layer4"], ChannelEnd = 4 });
        error = await Assert.ThrowsAsync<InvalidOperationException>(() => partial.RunAsync());
        Assert.Contains("no neurons 2, 3", error.Message);
    }

    private void SeedNeurons(string modelId, string layerId, int channels)
    {
        using var db = CatalogDatabase.OpenForWriting(CatalogPath);
        var layer = new AtlasLayer { ModelId = modelId, LayerId = layerId, DisplayName = layerId, TensorName = "t" };
        layer.Neurons.AddRange(Enumerable.Range(0, channels).Select(c => new Neuron { Index = c }));
        db.Models.Add(new AtlasModel { Id = modelId, DisplayName = modelId, Layers = [layer] });
        db.SaveChanges();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

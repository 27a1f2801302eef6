using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Tests.TestData;
namespace NeuronAtlas.Precompute.Tests.Clip;

public class ResNet50x4CatalogTests
{
    [Fact]
    public void A_full_size_random_RN50x4_catalog_over_64_emoji_images_has_2560_neurons_in_image_block_4_5()
    {
        var model = ClipTestExports.ResNet50x4Directory;
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-rn50x4-").FullName, "atlas.db");
        var (code, output) = PrecomputeProcess.Run("dataset-pass", "--model", model, "--images", "emoji", "--image-count", "64",
            "--layers", "image_block_4_5", "--batch", "8", "--catalog", catalog);
        Assert.True(code == 0, output);

        using var db = new AtlasDbContext(CatalogDatabase.ReadOnlyOptions(catalog));
        var layer = db.Layers.Include(l => l.Neurons).Single(l => l.ModelId == "clip-rn50x4" && l.LayerId == "image_block_4_5");
        Assert.Equal((2560, 9, 9), (layer.Channels, layer.Height, layer.Width));
        Assert.Equal(2560, layer.Neurons.Count);
        Assert.Equal(Enumerable.Range(0, 2560), layer.Neurons.Select(n => n.Index).Order());
        Assert.True(db.Models.Single(m => m.Id == "clip-rn50x4").HasTextEncoder);
        Assert.Equal(2560 * 16, db.Examples.Count(e => e.Neuron!.LayerId == layer.Id));
    }
}

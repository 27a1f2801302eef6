using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Tests.Catalog;

public class FeatureVisArchiveTests
{
    private static string NewCatalog(out AtlasDbContext db)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-fv-").FullName, "atlas.db");
        db = CatalogDatabase.OpenForWriting(path);
        var layer = new AtlasLayer { ModelId = "m", LayerId = "layer4", DisplayName = "layer4", TensorName = "t", Channels = 3, Height = 1, Width = 1 };
        layer.Neurons.AddRange(Enumerable.Range(0, 3).Select(i => new Neuron { Index = i }));
        db.Models.Add(new AtlasModel { Id = "m", DisplayName = "m", Layers = [layer] });
        db.SaveChanges();
        return path;
    }

    [Fact]
    public void Exported_visualizations_import_into_another_catalog_unchanged()
    {
        NewCatalog(out var source);
        using (source)
        {
            foreach (var n in source.Neurons.ToList())
                foreach (var facet in new[] { -1, 0, 1 })
                    source.FeatureVisualizations.Add(new FeatureVisualization
                    {
                        NeuronId = n.Id, Facet = facet, Hash = "x", Png = [1, 2, (byte)n.Index, (byte)(facet + 5)], Activation = n.Index + facet / 10f, Steps = 64, Size = 96, Seed = 3,
                    });
            source.SaveChanges();
            var zip = Path.Combine(Directory.CreateTempSubdirectory().FullName, "fv.zip");
            Assert.Equal(9, FeatureVisArchive.Export(source, "m", zip));

            NewCatalog(out var target);
            using (target)
            {
                Assert.Equal(9, FeatureVisArchive.Import(target, "m", zip));
                var imported = target.FeatureVisualizations.OrderBy(v => v.NeuronId).ThenBy(v => v.Facet).Select(v => new { v.Neuron!.Index, v.Facet, v.Png, v.Activation, v.Steps }).ToList();
                Assert.Equal(9, imported.Count);
                Assert.All(imported, v => Assert.Equal(new byte[] { 1, 2, (byte)v.Index, (byte)(v.Facet + 5) }, v.Png));
                Assert.Equal(2 + 0.1f, imported.Single(v => v.Index == 2 && v.Facet == 1).Activation);
                Assert.Equal(9, FeatureVisArchive.Import(target, "m", zip)); // importing again replaces, never duplicates
                Assert.Equal(9, target.FeatureVisualizations.Count());
            }
        }
    }

    [Fact]
    public void Exporting_a_model_without_visualizations_says_what_to_run()
    {
        NewCatalog(out var db);
        using (db)
            Assert.Contains("precompute feature-vis", Assert.Throws<InvalidOperationException>(() => FeatureVisArchive.Export(db, "m", "/tmp/none.zip")).Message);
    }
}

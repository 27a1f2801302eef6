using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Catalog;

/// <summary>Writes a finished dataset pass into the catalog: model, layers, neuron statistics, examples and their images.</summary>
public sealed class CatalogWriter(AtlasDbContext db)
{
    /// <param name="images">Every image some example refers to, by dataset index.</param>
    public void WriteDatasetPass(ModelManifest manifest, string datasetName, int datasetImageCount,
        IReadOnlyCollection<LayerAccumulator> layers, IReadOnlyDictionary<int, DatasetImage> images)
    {
        var model = db.Models.Include(m => m.Layers).SingleOrDefault(m => m.Id == manifest.Id);
        if (model is null)
        {
            model = new AtlasModel { Id = manifest.Id, DisplayName = manifest.DisplayName };
            db.Models.Add(model);
        }
        model.DisplayName = manifest.DisplayName;
        model.Description = manifest.Description;
        model.Licence = manifest.Licence;
        model.Source = manifest.Source;
        model.InputWidth = manifest.Input.Width;
        model.InputHeight = manifest.Input.Height;
        model.HasTextEncoder = manifest.TextEncoder is not null;
        model.ManifestJson = manifest.ToJson();
        model.DatasetName = datasetName;
        model.DatasetImageCount = datasetImageCount;
        model.ComputedAt = DateTimeOffset.UtcNow;

        var known = db.Images.Select(i => i.Hash).ToHashSet();
        foreach (var image in images.Values.DistinctBy(i => i.Hash).Where(i => known.Add(i.Hash)))
            db.Images.Add(image);

        for (int order = 0; order < manifest.Layers.Count; order++)
        {
            var spec = manifest.Layers[order];
            var layer = model.Layers.SingleOrDefault(l => l.LayerId == spec.Id);
            if (layer is null)
            {
                layer = new AtlasLayer { ModelId = model.Id, LayerId = spec.Id, DisplayName = spec.DisplayName, TensorName = spec.Tensor };
                model.Layers.Add(layer);
            }
            layer.DisplayName = spec.DisplayName;
            layer.TensorName = spec.Tensor;
            layer.Channels = spec.Channels;
            layer.Height = spec.Height;
            layer.Width = spec.Width;
            layer.Order = order;
            layer.Description = spec.Description;
            var accumulator = layers.SingleOrDefault(a => a.LayerId == spec.Id);
            if (accumulator is not null) WriteNeurons(layer, accumulator, images);
        }
        db.SaveChanges();
    }

    private void WriteNeurons(AtlasLayer layer, LayerAccumulator accumulator, IReadOnlyDictionary<int, DatasetImage> images)
    {
        var existing = layer.Id == 0
            ? new Dictionary<int, Neuron>()
            : db.Neurons.Include(n => n.Examples).Where(n => n.LayerId == layer.Id).ToDictionary(n => n.Index);
        for (int c = accumulator.ChannelStart; c < accumulator.ChannelStart + accumulator.ChannelCount; c++)
        {
            if (!existing.TryGetValue(c, out var neuron))
            {
                neuron = new Neuron { Index = c };
                layer.Neurons.Add(neuron);
            }
            var stats = accumulator.Statistics(c);
            neuron.Mean = (float)stats.Mean;
            neuron.Std = (float)stats.Std;
            neuron.Max = stats.Count == 0 ? 0 : stats.Max;
            neuron.ActiveFraction = (float)stats.ActiveFraction;
            neuron.Histogram = ActivationHistogram.Encode(stats.Histogram);
            neuron.Examples.Clear();
            var top = accumulator.TopK(c).Sorted();
            for (int rank = 0; rank < top.Length; rank++)
            {
                var (map, mapMax) = SpatialMapQuantizer.Quantize(top[rank].Map);
                neuron.Examples.Add(new NeuronExample
                {
                    Rank = rank, ImageHash = images[top[rank].ImageIndex].Hash, Activation = top[rank].Score, SpatialMap = map, MapMax = mapMax,
                });
            }
            neuron.TopImageHash = top.Length > 0 ? images[top[0].ImageIndex].Hash : null;
        }
    }
}

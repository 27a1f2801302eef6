using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Activations;

/// <summary>Saves and restores an unfinished pass. Each save is one SQLite transaction, so a kill leaves the previous one intact.</summary>
internal sealed class DatasetPassCheckpointStore(AtlasDbContext db, string modelId, string configHash)
{
    /// <summary>The saved accumulators and the next image, or null when there is nothing to resume.</summary>
    public (int NextImage, Dictionary<string, LayerAccumulator> Layers)? TryLoad(bool restart)
    {
        var checkpoint = db.DatasetPassCheckpoints.AsNoTracking().SingleOrDefault(c => c.ModelId == modelId);
        if (checkpoint is null) return null;
        if (restart || checkpoint.ConfigHash != configHash)
        {
            if (!restart)
                throw new InvalidOperationException(
                    $"The catalog holds an unfinished dataset pass of '{modelId}' with different settings " +
                    $"(stopped at image {checkpoint.NextImage} of {checkpoint.TotalImages}). Rerun with the same settings to resume it, or pass --restart to discard it.");
            Clear();
            return null;
        }
        var layers = db.DatasetPassStates.AsNoTracking().Where(s => s.ModelId == modelId).ToList()
            .ToDictionary(s => s.LayerId, s => LayerAccumulator.Deserialize(s.State));
        return (checkpoint.NextImage, layers);
    }

    public void Save(int nextImage, int totalImages, IEnumerable<LayerAccumulator> layers)
    {
        using var tx = db.Database.BeginTransaction();
        Clear();
        db.DatasetPassCheckpoints.Add(new DatasetPassCheckpoint
        {
            ModelId = modelId, ConfigHash = configHash, NextImage = nextImage, TotalImages = totalImages, UpdatedAt = DateTimeOffset.UtcNow,
        });
        foreach (var layer in layers)
            db.DatasetPassStates.Add(new DatasetPassState { ModelId = modelId, LayerId = layer.LayerId, State = layer.Serialize() });
        db.SaveChanges();
        tx.Commit();
        db.ChangeTracker.Clear();
    }

    /// <summary>Removes the checkpoint; call inside the transaction that writes the finished result.</summary>
    public void Clear()
    {
        db.DatasetPassStates.Where(s => s.ModelId == modelId).ExecuteDelete();
        db.DatasetPassCheckpoints.Where(c => c.ModelId == modelId).ExecuteDelete();
    }
}

using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Clip.TextVis.Storage;

/// <summary>
/// Reads and writes a model's text-vis run. Each append is one SQLite transaction that stores the chunk and advances
/// the run, so a killed run resumes after the last committed chunk.
/// </summary>
public sealed class TextVisStore(AtlasDbContext db, string modelId)
{
    public TextVisRun? Run() => db.Set<TextVisRun>().AsNoTracking().SingleOrDefault(r => r.ModelId == modelId);

    /// <summary>Starts or resumes a run with these settings and returns the first phrase still to compute.</summary>
    /// <param name="firstPhrase">Where a new run starts: 0, or the first phrase of a phrase shard.</param>
    public int Begin(string configHash, IReadOnlyList<string> phrases, IReadOnlyList<string> layers, int renderings, bool restart, int firstPhrase = 0)
    {
        var run = Run();
        if (run is not null && run.ConfigHash == configHash && !restart)
        {
            if (run.Completed) return run.PhraseCount;
            db.Set<TextVisChunk>().Where(c => c.ModelId == modelId && c.FirstPhrase >= run.NextPhrase).ExecuteDelete();
            return run.NextPhrase;
        }
        if (run is not null && !run.Completed && !restart)
            throw new InvalidOperationException(
                $"The catalog holds an unfinished text-vis run of '{modelId}' with different settings (stopped at phrase {run.NextPhrase} of {run.PhraseCount}). " +
                "Rerun with the same settings to resume it, or pass --restart to discard it.");
        using var tx = db.Database.BeginTransaction();
        Delete();
        db.Set<TextVisRun>().Add(new TextVisRun
        {
            ModelId = modelId, ConfigHash = configHash, Phrases = string.Join('\n', phrases), Layers = string.Join(',', layers),
            Renderings = renderings, PhraseCount = phrases.Count, NextPhrase = firstPhrase, UpdatedAt = DateTimeOffset.UtcNow,
        });
        db.SaveChanges();
        tx.Commit();
        db.ChangeTracker.Clear();
        return firstPhrase;
    }

    /// <summary>Stores rows for phrases firstPhrase..firstPhrase+count-1 of each tensor and advances the run past them.</summary>
    public void Append(int firstPhrase, int count, IReadOnlyDictionary<string, float[]> rowsByTensor)
    {
        using var tx = db.Database.BeginTransaction();
        foreach (var (tensor, rows) in rowsByTensor)
        {
            if (rows.Length % count != 0) throw new ArgumentException($"'{tensor}' holds {rows.Length} values, not a multiple of {count} phrases.");
            db.Set<TextVisChunk>().Add(new TextVisChunk
            {
                ModelId = modelId, Tensor = tensor, FirstPhrase = firstPhrase, Count = count, Width = rows.Length / count,
                Data = MemoryMarshal.AsBytes(rows.AsSpan()).ToArray(),
            });
        }
        var run = db.Set<TextVisRun>().Single(r => r.ModelId == modelId);
        run.NextPhrase = firstPhrase + count;
        run.UpdatedAt = DateTimeOffset.UtcNow;
        db.SaveChanges();
        tx.Commit();
        db.ChangeTracker.Clear();
    }

    public void MarkCompleted()
    {
        db.Set<TextVisRun>().Where(r => r.ModelId == modelId)
            .ExecuteUpdate(s => s.SetProperty(r => r.Completed, true).SetProperty(r => r.UpdatedAt, DateTimeOffset.UtcNow));
    }

    /// <summary>The stored tensors' names (layer ids and the embedding rows).</summary>
    public IReadOnlyList<string> Tensors() =>
        db.Set<TextVisChunk>().Where(c => c.ModelId == modelId).Select(c => c.Tensor).Distinct().ToList();

    /// <summary>All phrases' rows of a tensor, [phrases x width] row-major; every phrase must be present.</summary>
    public (float[] Rows, int Width) ReadMatrix(string tensor)
    {
        var run = Run() ?? throw new InvalidOperationException($"The catalog holds no text-vis run of '{modelId}'. Run 'precompute text-vis' first.");
        var chunks = db.Set<TextVisChunk>().AsNoTracking().Where(c => c.ModelId == modelId && c.Tensor == tensor)
            .OrderBy(c => c.FirstPhrase).ToList();
        if (chunks.Count == 0) throw new InvalidOperationException($"The text-vis run of '{modelId}' stored nothing for '{tensor}'.");
        int width = chunks[0].Width, next = 0;
        var rows = new float[run.PhraseCount * width];
        foreach (var chunk in chunks)
        {
            if (chunk.FirstPhrase != next || chunk.Width != width || chunk.FirstPhrase + chunk.Count > run.PhraseCount)
                throw new InvalidDataException($"The text-vis rows of '{modelId}'/'{tensor}' are not contiguous at phrase {chunk.FirstPhrase}.");
            MemoryMarshal.Cast<byte, float>(chunk.Data).CopyTo(rows.AsSpan(chunk.FirstPhrase * width, chunk.Count * width));
            next += chunk.Count;
        }
        if (next != run.PhraseCount)
            throw new InvalidOperationException($"The text-vis run of '{modelId}' has rows for {next} of {run.PhraseCount} phrases of '{tensor}'; finish it first.");
        return (rows, width);
    }

    private void Delete()
    {
        db.Set<TextVisChunk>().Where(c => c.ModelId == modelId).ExecuteDelete();
        db.Set<TextVisRun>().Where(r => r.ModelId == modelId).ExecuteDelete();
    }
}

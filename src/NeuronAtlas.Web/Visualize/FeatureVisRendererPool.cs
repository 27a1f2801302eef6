using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Render;
using NeuronAtlas.Web.Options;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Feature-vis renderers by (run slot, model). A slot runs one render at a time, so a renderer never runs two renders
/// at once and its session cache never evicts a session that is running. A renderer holds the parsed model and its
/// cached gradient sessions (hundreds of MB), so one unused for <see cref="VisualizeOptions.RendererIdleSeconds"/> is
/// disposed. CLIP models' renderers also expose the image embedding as a pseudo layer for text objectives.
/// </summary>
public sealed class FeatureVisRendererPool(
    IOptions<VisualizeOptions> options,
    IOptions<InferenceOptions> inference,
    ILogger<FeatureVisRendererPool> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Slot, string Model), Entry> _entries = [];
    private bool _disposed;

    private sealed class Entry(FeatureVisRenderer renderer)
    {
        public FeatureVisRenderer Renderer { get; } = renderer;
        public bool InUse { get; set; }
        /// <summary>Bumped on every use, so an idle timer armed before a later use does nothing.</summary>
        public int Generation { get; set; }
    }

    /// <summary>Renderers alive: in use or waiting out their idle time.</summary>
    public int LiveRenderers { get { lock (_gate) return _entries.Count; } }

    /// <summary>Renderers running a render now.</summary>
    public int RenderersInUse { get { lock (_gate) return _entries.Values.Count(e => e.InUse); } }

    /// <summary>The slot's renderer for the model, created on first use; hand it back with <see cref="Release"/>.</summary>
    public FeatureVisRenderer Acquire(int slot, ModelManifest manifest)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue((slot, manifest.Id), out var entry))
            {
                if (entry.InUse) throw new InvalidOperationException($"Slot {slot} already runs a render of {manifest.Id}.");
                entry.InUse = true;
                entry.Generation++;
                return entry.Renderer;
            }
        }
        // Parsing a large model takes a while: outside the lock. The slot is ours, so nobody else creates this entry.
        logger.LogInformation("Loading model {Model} for live feature visualization (slot {Slot}).", manifest.Id, slot);
        var renderer = new FeatureVisRenderer(EmbeddingLayer.AddTo(manifest), inference.Value, logger);
        lock (_gate)
        {
            if (_disposed)
            {
                renderer.Dispose();
                throw new ObjectDisposedException(nameof(FeatureVisRendererPool));
            }
            _entries[(slot, manifest.Id)] = new Entry(renderer) { InUse = true };
            return renderer;
        }
    }

    /// <summary>Marks the renderer unused; it is disposed once it stays unused for the idle time.</summary>
    public void Release(int slot, string modelId)
    {
        int generation;
        lock (_gate)
        {
            if (!_entries.TryGetValue((slot, modelId), out var entry)) return;
            entry.InUse = false;
            generation = ++entry.Generation;
        }
        var idle = TimeSpan.FromSeconds(options.Value.RendererIdleSeconds);
        if (idle <= TimeSpan.Zero) DisposeIfIdle(slot, modelId, generation);
        else _ = Task.Delay(idle).ContinueWith(_ => DisposeIfIdle(slot, modelId, generation), TaskScheduler.Default);
    }

    private void DisposeIfIdle(int slot, string modelId, int generation)
    {
        FeatureVisRenderer renderer;
        lock (_gate)
        {
            if (!_entries.TryGetValue((slot, modelId), out var entry) || entry.InUse || entry.Generation != generation) return;
            _entries.Remove((slot, modelId));
            renderer = entry.Renderer;
        }
        renderer.Dispose();
        logger.LogInformation("Freed the idle feature-vis renderer of {Model} (slot {Slot}).", modelId, slot);
    }

    /// <summary>Disposes the idle renderers; one still rendering (its render is being cancelled at shutdown) is left to the process exit.</summary>
    public void Dispose()
    {
        List<Entry> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = _entries.Values.Where(e => !e.InUse).ToList();
            _entries.Clear();
        }
        foreach (var entry in idle) entry.Renderer.Dispose();
    }
}

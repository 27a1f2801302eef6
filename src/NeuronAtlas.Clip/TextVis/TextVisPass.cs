using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.TextVis.Storage;

namespace NeuronAtlas.Clip.TextVis;

/// <summary>
/// Text feature visualization by rendering: every vocabulary phrase is drawn several times, the drawings go through the
/// image model in batches, and each neuron keeps the phrases with the highest score (the mean over a phrase's drawings
/// of the channel's mean activation). Per-phrase rows are checkpointed, so a killed run resumes with an identical result.
/// For CLIP models the image and text embeddings of the phrases are stored too, and neurons get automatic labels.
/// </summary>
public sealed class TextVisPass(TextVisOptions options, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public async Task<TextVisResult> RunAsync(IProgress<DatasetPassProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var manifest = options.Model;
        var layers = options.LayerIds.Select(manifest.GetLayer).ToList();
        if (manifest.Input.Width != manifest.Input.Height)
            throw new NotSupportedException($"Text-vis draws square images; '{manifest.Id}' takes {manifest.Input.Width}x{manifest.Input.Height}.");
        if (options.Renderings < 1 || options.PhrasesPerBatch < 1 || options.TopK < 1 || options.CheckpointEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Renderings, phrases per batch, top-k and checkpoint interval must be positive.");
        using var fonts = FontLibrary.FromDirectory(options.FontsDirectory);
        var phrases = new TextVisVocabulary(options.Phrases).Phrases;
        new TextVisVocabulary(phrases).RequireGlyphs(fonts);

        using var db = CatalogDatabase.OpenForWriting(options.CatalogPath);
        foreach (var layer in layers)
            if (!db.Neurons.Any(n => n.Layer!.ModelId == manifest.Id && n.Layer.LayerId == layer.Id))
                throw new InvalidOperationException($"The catalog has no neurons of '{manifest.Id}' layer '{layer.Id}'. Run 'precompute dataset-pass' for it first.");
        var store = new TextVisStore(db, manifest.Id);
        var configHash = ConfigHash(phrases, fonts);
        var (first, last) = options.Shard?.Split(0, phrases.Count) ?? (0, phrases.Count);
        bool restart = options.Restart;
        // An archive replaces a run that is not already complete with these settings (a restart discards even that).
        if (options.Archive is { } archive && options.Shard is null && (restart || !(store.Run() is { } done && done.ConfigHash == configHash && done.NextPhrase == done.PhraseCount)))
        {
            string? notUsed = TextVisArchive.TryImport(store, archive, manifest, configHash, phrases, options.LayerIds, options.Renderings);
            if (notUsed is null)
            {
                restart = false;
                _log.LogInformation("Took the text-vis rows of {Model} ({Phrases} phrases) from {Archive}.", manifest.Id, phrases.Count, archive);
            }
            else _log.LogWarning("Not using the text-vis archive: {Reason}. Computing the text feature visualization of {Model} instead (minutes).", notUsed, manifest.Id);
        }
        int resumedFrom = store.Begin(configHash, phrases, options.LayerIds, options.Renderings, restart, first);
        if (resumedFrom > first && resumedFrom < last) _log.LogInformation("Resuming the text-vis run of {Model} at phrase {Next} of {Total}.", manifest.Id, resumedFrom, last);

        if (resumedFrom < last)
            await ComputeAsync(db, store, phrases.Take(last).ToList(), fonts, resumedFrom, progress, clock, ct);
        if (options.Shard is { } shard)
        {
            // A phrase shard stores only its rows; the top phrases and labels need every phrase, so they come after the merge.
            TextVisShardMerge.SaveShardRecord(db, manifest.Id, shard, configHash, first, last);
            return new TextVisResult(last - first, resumedFrom, clock.Elapsed, (last - resumedFrom) * options.Renderings / Math.Max(1e-9, clock.Elapsed.TotalSeconds), 0);
        }

        int total = phrases.Count * options.Renderings;
        progress?.Report(new DatasetPassProgress("writing text examples", total, total, 0, null));
        foreach (var layer in layers)
        {
            var (scores, channels) = store.ReadMatrix(layer.Id);
            int neurons = TextExamplesWriter.Write(db, manifest.Id, layer.Id, scores, channels, phrases, options.TopK);
            _log.LogInformation("Stored the top {K} phrases of {Neurons} neurons of {Layer}.", options.TopK, neurons, layer.Id);
        }
        store.MarkCompleted();

        int labelled = 0;
        if (options.WriteLabels && ClipModel.IsClip(manifest))
        {
            progress?.Report(new DatasetPassProgress("labelling neurons", total, total, 0, null));
            labelled = ClipDissectLabeling.Apply(db, manifest.Id, options.LayerIds).Values.Sum(l => l.Count(x => x.Concept is not null));
        }
        clock.Stop();
        int computed = (phrases.Count - Math.Min(resumedFrom, phrases.Count)) * options.Renderings;
        return new TextVisResult(phrases.Count, resumedFrom, clock.Elapsed, computed / Math.Max(1e-9, clock.Elapsed.TotalSeconds), labelled);
    }

    private async Task ComputeAsync(AtlasDbContext db, TextVisStore store, IReadOnlyList<string> phrases, FontLibrary fonts, int start,
        IProgress<DatasetPassProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var manifest = options.Model;
        var layers = options.LayerIds.Select(manifest.GetLayer).ToList();
        using var extractor = ActivationExtractor.Create(manifest, options.Inference, options.LayerIds, _log);
        using var text = ClipModel.IsClip(manifest) ? ClipTextEncoder.Load(manifest, options.Inference, _log) : null;
        var renderer = new PhraseRenderer(fonts, manifest.Input.Width);
        int renderings = options.Renderings, total = phrases.Count * renderings;
        var preprocessor = new ImagePreprocessor(manifest);
        // Phrase p's renderings are images p x renderings + r, so a batch of phrases is a batch of their images.
        var batches = BatchProducer.Start(start * renderings, total, options.PhrasesPerBatch * renderings, preprocessor.TensorLength, options.RenderWorkers,
            (index, destination) =>
            {
                using var image = renderer.Render(phrases[index / renderings], index % renderings);
                preprocessor.WriteTensor(image, destination);
                return true;
            }, ct);

        var pending = new Dictionary<string, List<float>>();
        int pendingFirst = start, pendingCount = 0;
        await foreach (var batch in batches.ReadAllAsync(ct))
        {
            int firstPhrase = batch.FirstImage / renderings, count = batch.Count / renderings;
            var rows = new Dictionary<string, float[]>();
            using (var activations = extractor.Run(batch.Tensor, batch.Count))
            {
                foreach (var layer in layers)
                    rows[layer.Id] = RenderingAverages.ChannelMeans(activations.Tensor(layer.Tensor), count, renderings, layer.Channels, layer.Height * layer.Width);
                if (text is not null)
                    rows[TextVisTensors.ImageEmbedding] = RenderingAverages.UnitEmbeddings(activations.Tensor(manifest.Embedding!.Tensor), count, renderings, manifest.Embedding.Dimensions);
            }
            if (text is not null)
                rows[TextVisTensors.TextEmbedding] = text.Embed(phrases.Skip(firstPhrase).Take(count).ToList()).SelectMany(v => v).ToArray();
            foreach (var (tensor, values) in rows)
            {
                if (!pending.TryGetValue(tensor, out var list)) pending[tensor] = list = [];
                list.AddRange(values);
            }
            pendingCount += count;
            int next = firstPhrase + count;
            if (pendingCount >= options.CheckpointEvery || next == phrases.Count)
            {
                store.Append(pendingFirst, pendingCount, pending.ToDictionary(p => p.Key, p => p.Value.ToArray()));
                pending.Clear();
                pendingFirst = next;
                pendingCount = 0;
            }
            double rate = (next - start) * renderings / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            progress?.Report(new DatasetPassProgress("text-vis", next * renderings, total, rate,
                rate > 0 ? TimeSpan.FromSeconds((phrases.Count - next) * renderings / rate) : null));
        }
    }

    /// <summary>Everything that determines the result; an unfinished run only resumes with the same hash.</summary>
    private string ConfigHash(IReadOnlyList<string> phrases, FontLibrary fonts)
    {
        var text = new StringBuilder()
            .AppendLine(options.Model.ToJson())
            .AppendLine(string.Join(",", options.LayerIds))
            .AppendLine($"{options.Renderings}|{options.PhrasesPerBatch}|{PhraseRenderer.StyleVersion}|{fonts.ContentHash()}")
            .AppendJoin('\n', phrases);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

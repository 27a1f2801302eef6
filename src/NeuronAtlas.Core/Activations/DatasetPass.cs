using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Core.Catalog.Entities;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuronAtlas.Core.Activations;

/// <summary>
/// Streams a dataset through a model in batches and keeps, for every channel of the chosen layers, the top-k images
/// with their spatial maps and activation statistics. Checkpoints let a killed pass resume with an identical result.
/// </summary>
public sealed class DatasetPass(DatasetPassOptions options, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public async Task<DatasetPassResult> RunAsync(IImageSource source, IProgress<DatasetPassProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var manifest = options.Model;
        var layerSpecs = options.Layers is null ? manifest.Layers : options.Layers.Select(manifest.GetLayer).ToList();
        if (options.Shard is not null && (options.ImageStart != 0 || options.ImageCount is not null))
            throw new ArgumentException("An image shard is either a shard index and count or an image range, not both.");
        var (start, end) = options.Shard?.Split(0, source.Count)
            ?? (options.ImageStart, options.ImageCount is int n ? Math.Min(source.Count, options.ImageStart + n) : source.Count);
        if (start < 0 || start >= end)
            throw new ArgumentOutOfRangeException(nameof(options), $"Image range {start}..{end - 1} is empty; the dataset has {source.Count} images.");

        using var db = CatalogDatabase.OpenForWriting(options.CatalogPath);
        var store = new DatasetPassCheckpointStore(db, manifest.Id, ConfigHash(source, start, end, layerSpecs.Select(l => l.Id)));
        var resumed = store.TryLoad(options.Restart);
        var layers = resumed?.Layers ?? layerSpecs.ToDictionary(l => l.Id,
            l => new LayerAccumulator(l.Id, l.Channels, l.Height * l.Width, options.TopK, options.ChannelStart, options.ChannelCount));
        int next = resumed?.NextImage ?? start;
        if (resumed is not null) _log.LogInformation("Resuming the dataset pass of {Model} at image {Next} of {Total}.", manifest.Id, next, end);

        var skipped = new ConcurrentDictionary<int, string>();
        var streaming = TimeSpan.Zero;
        if (next < end)
        {
            // The first batches decode while the model loads; the producer stops with the pass, however it ends.
            using var producerStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var preprocessor = new ImagePreprocessor(manifest);
            var batches = BatchProducer.Start(source, preprocessor, next, end, options.BatchSize, options.DecodeWorkers,
                (i, e) => { skipped[i] = e.Message; _log.LogWarning("Skipping image {Index} ({File}): {Reason}", i, source.Describe(i).File, e.Message); },
                producerStop.Token);
            try
            {
                // Decoding shares the cores with inference, so ONNX Runtime's workers must not spin while they wait.
                using var extractor = ActivationExtractor.Create(manifest, options.Inference with { AllowSpinning = false }, layerSpecs.Select(l => l.Id), _log);
                int resumeAt = next, sinceCheckpoint = 0;
                var streamClock = Stopwatch.StartNew();
                await foreach (var batch in batches.ReadAllAsync(ct))
                {
                    using (var activations = extractor.Run(batch.Tensor, batch.Count))
                        foreach (var spec in layerSpecs)
                            layers[spec.Id].Add(activations.Tensor(spec.Tensor), batch.Count, batch.FirstImage, batch.Failed);
                    next = batch.FirstImage + batch.Count;
                    sinceCheckpoint += batch.Count;
                    if (sinceCheckpoint >= options.EffectiveCheckpointEvery && next < end)
                    {
                        store.Save(next, end, layers.Values);
                        sinceCheckpoint = 0;
                    }
                    double rate = (next - resumeAt) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                    progress?.Report(new DatasetPassProgress("dataset pass", next - start, end - start, rate,
                        rate > 0 ? TimeSpan.FromSeconds((end - next) / rate) : null));
                }
                streaming = streamClock.Elapsed;
            }
            finally
            {
                producerStop.Cancel();
            }
            // A shard's merge reads its state at the end. A whole pass writes the catalog at once instead (a kill while
            // writing resumes from the last periodic checkpoint).
            if (options.Shard is not null) store.Save(end, end, layers.Values);
        }
        var writeClock = Stopwatch.StartNew();

        progress?.Report(new DatasetPassProgress("writing catalog", end - start, end - start, 0, null));
        var images = LoadExampleImages(source, layers.Values);
        using (var tx = db.Database.BeginTransaction())
        {
            new CatalogWriter(db).WriteDatasetPass(manifest, source.Name, end - start, layers.Values.ToList(), images);
            // A shard keeps its accumulated state (the checkpoint at its end) for the merge; a whole pass does not need it.
            if (options.Shard is { } shard) SaveShardRecord(db, shard, source, start, end, layerSpecs.Select(l => l.Id), images);
            else store.Clear();
            tx.Commit();
        }
        // Checkpoints leave tens of MB of free pages behind; the served catalog should not carry them.
        if (db.Database.SqlQueryRaw<long>("SELECT freelist_count AS Value FROM pragma_freelist_count").AsEnumerable().Single() > 0)
            db.Database.ExecuteSqlRaw("VACUUM;");
        clock.Stop();
        int processed = end - (resumed?.NextImage ?? start);
        _log.LogInformation("Streamed {Images} images in {Streaming:F1} s; wrote the catalog in {Write:F1} s.", processed, streaming.TotalSeconds, writeClock.Elapsed.TotalSeconds);
        return new DatasetPassResult(end - start, skipped.Count, resumed?.NextImage ?? start, clock.Elapsed,
            processed / Math.Max(1e-9, clock.Elapsed.TotalSeconds))
        {
            StreamingElapsed = streaming, CatalogWriteElapsed = writeClock.Elapsed,
        };
    }

    private Dictionary<int, DatasetImage> LoadExampleImages(IImageSource source, IEnumerable<LayerAccumulator> layers)
    {
        var indices = layers.SelectMany(l => Enumerable.Range(l.ChannelStart, l.ChannelCount)
                .SelectMany(c => l.TopK(c).Sorted().Select(e => e.ImageIndex)))
            .Distinct().Order().ToArray();
        var images = new ConcurrentDictionary<int, DatasetImage>();
        Parallel.ForEach(indices, new ParallelOptions { MaxDegreeOfParallelism = options.DecodeWorkers }, i =>
        {
            var bytes = source.ReadBytes(i);
            var record = source.Describe(i);
            using var image = ImageDecoding.LoadRgbOnWhite(bytes);
            // The thumbnail shows what the model saw (the centre crop), so heatmaps line up with it.
            using var seen = ModelViewCrop(image);
            var (jpeg, w, h) = ImageDecoding.Thumbnail(seen, options.ThumbnailSize);
            images[i] = new DatasetImage
            {
                Hash = ContentHash.Of(bytes), Label = record.Label, Concept = record.Concept, Style = record.Style, Source = record.Source,
                OriginalName = record.File, Thumbnail = jpeg, ThumbnailWidth = w, ThumbnailHeight = h,
            };
        });
        return new Dictionary<int, DatasetImage>(images);
    }

    private Image<Rgb24> ModelViewCrop(Image<Rgb24> image)
    {
        var p = options.Model.Preprocessing;
        int side = Math.Max(1, (int)Math.Round(Math.Min(image.Width, image.Height) * (double)p.Crop / p.Resize));
        return image.Clone(ctx => ctx.Crop(new Rectangle((image.Width - side) / 2, (image.Height - side) / 2, side, side)));
    }

    private void SaveShardRecord(AtlasDbContext db, Sharding.Shard shard, IImageSource source, int start, int end,
        IEnumerable<string> layerIds, Dictionary<int, DatasetImage> images)
    {
        // Batch size and image range are left out: they do not change what the shards add up to.
        var settings = $"model: {options.Model.Id} ({Hash(options.Model.ToJson())[..12]})\ndataset: {source.Name} ({source.Count} images)\n" +
                       $"layers: {string.Join(",", layerIds)}\ntop-k: {options.TopK}\nchannels: {options.ChannelStart}+{options.ChannelCount?.ToString() ?? "all"}";
        var everything = new StringBuilder(settings).Append('\n').AppendLine(options.Model.ToJson());
        for (int i = 0; i < source.Count; i++) everything.Append(source.Describe(i).File).Append('\n');
        db.PrecomputeShards.Where(s => s.Kind == Sharding.ShardKinds.DatasetPass && s.ModelId == options.Model.Id).ExecuteDelete();
        db.PrecomputeShards.Add(new PrecomputeShard
        {
            Kind = Sharding.ShardKinds.DatasetPass, ModelId = options.Model.Id, ShardIndex = shard.Index, ShardCount = shard.Count,
            Settings = settings, SettingsHash = Hash(everything.ToString()), RangeStart = start, RangeEnd = end,
            ImageHashes = string.Join('\n', images.OrderBy(i => i.Key).Select(i => $"{i.Key} {i.Value.Hash}")), CompletedAt = DateTimeOffset.UtcNow,
        });
        db.SaveChanges();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Everything that determines the result; a checkpoint only resumes a pass with the same hash.</summary>
    private string ConfigHash(IImageSource source, int start, int end, IEnumerable<string> layerIds)
    {
        var text = new StringBuilder()
            .AppendLine(options.Model.ToJson())
            .AppendLine($"{source.Name}|{source.Count}|{start}|{end}|{options.TopK}|{options.BatchSize}|{options.ChannelStart}|{options.ChannelCount}")
            .AppendLine(string.Join(",", layerIds));
        for (int i = start; i < end; i++) text.Append(source.Describe(i).File).Append('\n');
        return Hash(text.ToString());
    }
}

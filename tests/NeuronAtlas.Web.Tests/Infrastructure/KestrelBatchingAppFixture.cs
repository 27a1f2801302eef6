using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// An app on a real Kestrel server with one inference slot, batches of up to <see cref="MaxBatchSize"/> images, a
/// queue of as many, and a long queue timeout, so tests can hold the slot and fill the queue on purpose.
/// </summary>
public abstract class KestrelBatchingAppFixture : IDisposable
{
    public const int MaxBatchSize = 4;

    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    /// <summary>The model the tests look up.</summary>
    public abstract string ModelId { get; }

    protected KestrelBatchingAppFixture(string catalogPath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Uploads:MaxConcurrentInferences"] = "1",
            ["Uploads:MaxBatchSize"] = $"{MaxBatchSize}",
            ["Uploads:MaxQueuedImages"] = $"{MaxBatchSize}",
            ["Uploads:QueueTimeoutMs"] = "60000",
            ["Uploads:RetryAfterSeconds"] = "2",
        };
        Factory = AtlasWebFactory.StartKestrel(catalogPath, values);
        Client = Factory.CreateAtlasClient();
    }

    public InferenceGate Gate => Factory.Services.GetRequiredService<InferenceGate>();

    /// <summary>The model as loaded for lookups, with the catalog's layers (loading it on first use).</summary>
    public async Task<LookupModel> ModelAsync()
    {
        var catalog = await Factory.Services.GetRequiredService<LookupCatalogReader>().GetModelAsync(ModelId, CancellationToken.None);
        return Factory.Services.GetRequiredService<ExtractorPool>().Get(ModelId, catalog!.Layers.Select(l => l.LayerId).ToList())!;
    }

    /// <summary>Waits until the model's queue holds <paramref name="images"/> images (bounded: fails after 60 s).</summary>
    public async Task WaitQueuedAsync(int images)
    {
        var batcher = (await ModelAsync()).Batcher;
        await WaitUntilAsync(() => batcher.QueuedImages >= images);
    }

    /// <summary>Polls <paramref name="condition"/> every millisecond until it holds (bounded: fails after 60 s).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 60 s.");
            await Task.Delay(1);
        }
    }

    public virtual void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

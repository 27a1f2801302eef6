using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// The test catalog's app on a real Kestrel server with one inference slot, batches of up to <see cref="MaxBatchSize"/>
/// images, a queue of as many, and a long queue timeout, so tests can hold the slot and fill the queue on purpose.
/// </summary>
public sealed class KestrelBatchingAppFixture : IDisposable
{
    public const int MaxBatchSize = 4;

    public TestCatalog Catalog { get; } = new();
    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    public KestrelBatchingAppFixture()
    {
        Factory = AtlasWebFactory.StartKestrel(Catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxConcurrentInferences"] = "1",
            ["Uploads:MaxBatchSize"] = $"{MaxBatchSize}",
            ["Uploads:MaxQueuedImages"] = $"{MaxBatchSize}",
            ["Uploads:QueueTimeoutMs"] = "60000",
            ["Uploads:RetryAfterSeconds"] = "2",
        });
        Client = Factory.CreateAtlasClient();
    }

    public InferenceGate Gate => Factory.Services.GetRequiredService<InferenceGate>();

    /// <summary>ResNet18 as loaded for lookups (loading it on first use).</summary>
    public LookupModel Model
    {
        get
        {
            var manifest = Catalog.Manifest;
            return Factory.Services.GetRequiredService<ExtractorPool>().Get(TestCatalog.Model, manifest.Layers.Select(l => l.Id).ToList())!;
        }
    }

    /// <summary>Waits until the model's queue holds <paramref name="images"/> images (bounded: fails after 60 s).</summary>
    public async Task WaitQueuedAsync(int images)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Model.Batcher.QueuedImages < images)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Model.Batcher.QueuedImages} images queued, not {images}.");
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Catalog.Dispose();
    }
}

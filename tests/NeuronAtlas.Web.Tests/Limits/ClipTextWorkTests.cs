using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Uploads;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Limits;

/// <summary>Text-encoder work goes through its own gate, not the image-inference slots, and its caches stay bounded.</summary>
public sealed class ClipTextWorkTests : IDisposable
{
    private const int CacheLabels = 5;
    private readonly ClipTestCatalog _catalog = new();
    private readonly AtlasWebFactory _app;

    public ClipTextWorkTests()
    {
        var settings = new Dictionary<string, string?>(_catalog.Settings())
        {
            ["Uploads:MaxConcurrentInferences"] = "1",
            ["Uploads:QueueTimeoutMs"] = "100",
            ["TextEncoding:MaxConcurrent"] = "1",
            ["TextEncoding:MaxQueued"] = "0",
            ["TextEncoding:QueueTimeoutMs"] = "100",
            ["ZeroShot:CustomClassifierCacheLabels"] = CacheLabels.ToString(),
            ["ZeroShot:WarmUpOnStart"] = "false",
        };
        _app = new AtlasWebFactory(_catalog.Path, settings);
    }

    private float[] Embedding => Enumerable.Repeat(1f, _catalog.Manifest.Embedding!.Dimensions).ToArray();

    [Fact]
    public async Task A_typed_label_list_is_encoded_while_every_image_inference_slot_is_taken()
    {
        var lookup = _app.Services.GetRequiredService<ImageLookupService>();
        using var slot = await _app.Services.GetRequiredService<InferenceGate>().EnterAsync(CancellationToken.None);

        var labels = await lookup.RelabelAsync(ClipTestCatalog.Model, Embedding, "spider, pizza, iPod", CancellationToken.None);

        Assert.Equal(3, labels.LabelCount);
    }

    [Fact]
    public async Task Search_waits_for_the_text_encoding_gate_and_is_busy_when_it_is_full()
    {
        using var client = _app.CreateAtlasClient();
        var gate = _app.Services.GetRequiredService<TextEncodingGate>();
        var release = new ManualResetEventSlim();
        var holder = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)), CancellationToken.None);
        try
        {
            var response = await client.GetAsync("/api/search?q=a%20new%20query");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.Contains("text-encoder", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            release.Set();
            await holder;
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=a%20new%20query")).StatusCode);
    }

    [Fact]
    public async Task Typed_label_lists_share_a_cache_bounded_in_labels()
    {
        var lookup = _app.Services.GetRequiredService<ImageLookupService>();
        var zeroShot = _app.Services.GetRequiredService<ZeroShotService>();

        foreach (var list in new[] { "cat, dog", "spider, web, pizza", "apple, pear", "iPod, phone, laptop", "red, green" })
        {
            await lookup.RelabelAsync(ClipTestCatalog.Model, Embedding, list, CancellationToken.None);
            Assert.InRange(zeroShot.CustomCacheUse.Labels, 0, CacheLabels);
        }
        // A list longer than the whole cache is served, just not kept.
        var large = await lookup.RelabelAsync(ClipTestCatalog.Model, Embedding, "a, b, c, d, e, f", CancellationToken.None);
        Assert.Equal(6, large.LabelCount);
        Assert.InRange(zeroShot.CustomCacheUse.Labels, 0, CacheLabels);
    }

    public void Dispose()
    {
        _app.Dispose();
        _catalog.Dispose();
    }
}

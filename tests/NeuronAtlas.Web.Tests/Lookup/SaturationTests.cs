using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Uploads;

namespace NeuronAtlas.Web.Tests.Lookup;

public sealed class SaturationTests : IDisposable
{
    private readonly TestCatalog _catalog = new();
    private readonly AtlasWebFactory _factory;
    private readonly HttpClient _client;

    public SaturationTests()
    {
        _factory = new AtlasWebFactory(_catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxConcurrentInferences"] = "1",
            ["Uploads:QueueTimeoutMs"] = "1",
            ["Uploads:RetryAfterSeconds"] = "2",
        });
        _client = _factory.CreateAtlasClient();
    }

    [Fact]
    public async Task While_every_slot_is_taken_a_lookup_gets_503_busy_retry_and_afterwards_succeeds()
    {
        var jpeg = TestImages.Jpeg();
        var gate = _factory.Services.GetRequiredService<InferenceGate>();

        HttpResponseMessage busy;
        using (await gate.EnterAsync(CancellationToken.None))
            busy = await LookupRequests.PostAsync(_client, jpeg, "busy.jpg", "image/jpeg");
        var after = await LookupRequests.PostAsync(_client, jpeg, "after.jpg", "image/jpeg");

        await AssertBusyAsync(busy);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Concurrent_lookups_beyond_the_limit_get_busy_retry_and_the_server_recovers()
    {
        // Enough threads that the requests really run at once on a small machine.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var large = TestImages.Jpeg(2400, 1600);
        Assert.Equal(HttpStatusCode.OK, (await LookupRequests.PostAsync(_client, large, "warm-up.jpg", "image/jpeg")).StatusCode);

        using var start = new Barrier(12);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return LookupRequests.PostAsync(_client, large, $"concurrent-{i}.jpg", "image/jpeg");
        })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        foreach (var response in busy) await AssertBusyAsync(response);
        // Recovering means a lookup succeeds once the work already admitted has drained (on a loaded machine that can
        // outlast the last answer by a moment), as a client honouring Retry-After would see.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage after;
        while ((after = await LookupRequests.PostAsync(_client, large, "after.jpg", "image/jpeg")).StatusCode == HttpStatusCode.ServiceUnavailable
               && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Healthy", await _client.GetStringAsync("/health"));
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Busy, retry", problem.GetProperty("title").GetString());
        Assert.Contains("busy", problem.GetProperty("detail").GetString());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _catalog.Dispose();
    }
}

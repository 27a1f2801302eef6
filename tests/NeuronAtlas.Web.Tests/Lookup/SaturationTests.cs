using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Lookup;

public sealed class SaturationTests
{
    [Fact]
    public async Task A_saturated_server_answers_busy_retry_with_503_and_recovers()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxConcurrentInferences"] = "1",
            ["Uploads:QueueTimeoutMs"] = "1",
            ["Uploads:RetryAfterSeconds"] = "2",
        });
        using var client = factory.CreateAtlasClient();
        var megapixel = TestImages.Jpeg(1200, 900);
        Assert.Equal(HttpStatusCode.OK, (await LookupRequests.PostAsync(client, megapixel, "warm-up.jpg", "image/jpeg")).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => LookupRequests.PostAsync(client, megapixel, $"concurrent-{i}.jpg", "image/jpeg"))));

        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {r.StatusCode}"));
        foreach (var response in busy)
        {
            Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Busy, retry", problem.GetProperty("title").GetString());
            Assert.Contains("busy", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await LookupRequests.PostAsync(client, megapixel, "after.jpg", "image/jpeg")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }
}

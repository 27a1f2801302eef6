using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Limits;

/// <summary>
/// Per-client rate limits on a real Kestrel server. The server believes X-Forwarded-For from 127.0.0.1 (a configured
/// proxy), so one loopback test client can speak for several clients.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private const int SearchBurst = 3;
    private const int LookupBurst = 2;
    private readonly TestCatalog _catalog = new();
    private readonly AtlasWebFactory _app;
    private readonly HttpClient _client;

    public RateLimitTests()
    {
        _app = AtlasWebFactory.StartKestrel(_catalog.Path, new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Search:TokenLimit"] = SearchBurst.ToString(),
            ["RateLimits:Search:TokensPerPeriod"] = "1",
            ["RateLimits:Search:PeriodSeconds"] = "600",
            ["RateLimits:Lookup:TokenLimit"] = LookupBurst.ToString(),
            ["RateLimits:Lookup:TokensPerPeriod"] = "1",
            ["RateLimits:Lookup:PeriodSeconds"] = "600",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.BaseUrl!) };
    }

    [Fact]
    public async Task A_flooding_client_gets_429_with_retry_after_and_a_problem_while_a_second_client_is_served()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (int i = 0; i < SearchBurst + 3; i++)
        {
            var response = await SendAsync(HttpMethod.Get, "/api/search?q=spider", "203.0.113.1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, SearchBurst), statuses.Take(SearchBurst));
        Assert.All(statuses.Skip(SearchBurst), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // One token comes back every 600 s: the client is told to wait (nearly) that long, never 0.
        var retryAfter = refused!.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 590, 600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("retry in", problem.GetProperty("detail").GetString());

        var other = await SendAsync(HttpMethod.Get, "/api/search?q=spider", "203.0.113.2");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Each_kind_of_request_has_its_own_bucket_and_pages_share_the_api_bucket()
    {
        for (int i = 0; i < SearchBurst; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/search?q=spider", "203.0.113.3")).StatusCode);

        // The search page (the header box's target) runs the same search during its server-side render: refused too.
        var page = await SendAsync(HttpMethod.Get, "/search?q=spider", "203.0.113.3");
        Assert.Contains("Too many requests from your address; retry in", await page.Content.ReadAsStringAsync());
        // Pages that run no search are not limited, and the lookup bucket is untouched.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/models/resnet18", "203.0.113.3")).StatusCode);
        var lookup = await SendAsync(HttpMethod.Post, "/api/lookup", "203.0.113.3", LookupRequests.Multipart(TestImages.Png(), "a.png", "image/png"));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [Fact]
    public async Task Lookups_are_refused_before_their_body_is_read()
    {
        for (int i = 0; i < LookupBurst; i++)
        {
            var served = await SendAsync(HttpMethod.Post, "/api/lookup", "203.0.113.4", LookupRequests.Multipart(TestImages.Png(), "a.png", "image/png"));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // A refused body is not worth reading: even a hostile one gets the 429, not its 4xx.
        var refused = await SendAsync(HttpMethod.Post, "/api/lookup", "203.0.113.4", LookupRequests.Multipart(TestImages.TruncatedJpeg(), "a.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task X_forwarded_for_from_an_unknown_proxy_is_ignored()
    {
        using var unproxied = AtlasWebFactory.StartKestrel(_catalog.Path, new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Search:TokenLimit"] = "1",
            ["RateLimits:Search:TokensPerPeriod"] = "1",
            ["RateLimits:Search:PeriodSeconds"] = "600",
        });
        using var client = new HttpClient { BaseAddress = new Uri(unproxied.BaseUrl!) };

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/search?q=spider", "203.0.113.5")).StatusCode);
        // Without a configured proxy, a made-up X-Forwarded-For does not make a new client.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(client, HttpMethod.Get, "/api/search?q=spider", "203.0.113.6")).StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string client, HttpContent? content = null) =>
        SendAsync(_client, method, url, client, content);

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string client, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-Forwarded-For", client);
        return http.SendAsync(request);
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _catalog.Dispose();
    }
}

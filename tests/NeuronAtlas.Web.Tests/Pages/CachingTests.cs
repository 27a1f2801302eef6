using System.Net;
using System.Net.Http.Headers;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Pages;

public sealed class CachingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/models/resnet18")]
    [InlineData("/models/resnet18/layer4?page=2")]
    [InlineData("/models/resnet18/layer4/3")]
    [InlineData("/api/models")]
    [InlineData("/api/models/resnet18/layers/layer4/neurons/3")]
    public async Task Public_pages_and_json_are_publicly_cacheable_for_a_short_time_with_validators(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), cache.MaxAge);
        Assert.False(cache.NoStore || cache.NoCache || cache.Private);
        Assert.False(response.Headers.Contains("Pragma"));
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(TestCatalog.ComputedAt, response.Content.Headers.LastModified);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies),
            $"a page that sets cookies must not be cached publicly: {string.Join("; ", cookies ?? [])}");
    }

    [Fact]
    public async Task A_matching_etag_gets_304_without_a_body()
    {
        var first = await app.Client.GetAsync("/models/resnet18/layer4/3");
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/models/resnet18/layer4/3");
        revalidation.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await app.Client.SendAsync(revalidation);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_stale_etag_gets_the_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/models/resnet18/layer4/3");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1-old\""));

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("neuron 3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Not_found_answers_are_not_cached_publicly()
    {
        var page = await app.Client.GetAsync("/models/resnet18/layer4/9999");
        var api = await app.Client.GetAsync("/api/models/resnet18/layers/layer4/neurons/9999");

        Assert.False(page.Headers.CacheControl?.Public ?? false);
        Assert.False(api.Headers.CacheControl?.Public ?? false);
    }

    [Fact]
    public async Task The_lookup_page_is_not_cached_publicly()
    {
        var response = await app.Client.GetAsync("/lookup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }
}

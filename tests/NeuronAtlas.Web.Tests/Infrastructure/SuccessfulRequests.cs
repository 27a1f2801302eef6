using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>Requests that must succeed: they assert a 200 and return the body.</summary>
public static class SuccessfulRequests
{
    public static async Task<string> GetOkStringAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<JsonElement> GetOkJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>POSTs the content; on anything but 200 the assertion shows the problem the server sent.</summary>
    public static async Task<JsonElement> PostOkJsonAsync(this HttpClient client, string url, HttpContent content)
    {
        var response = await client.PostAsync(url, content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

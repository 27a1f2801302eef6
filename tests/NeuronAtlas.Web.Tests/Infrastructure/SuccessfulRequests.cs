using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>GETs that must succeed: they assert a 200 and return the body.</summary>
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
}

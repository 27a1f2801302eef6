namespace NeuronAtlas.Web.Health;

/// <summary>
/// 'NeuronAtlas.Web --healthcheck': asks the running app's /health on this machine and exits 0 when it answers 200, 1
/// otherwise. Container HEALTHCHECKs use it because the ASP.NET runtime images carry neither curl nor wget.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--healthcheck";

    public static async Task<int> RunAsync()
    {
        var url = $"http://127.0.0.1:{Port()}/health";
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await client.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The port the app listens on: the first of ASPNETCORE_HTTP_PORTS (set by the .NET container images), else 8080.</summary>
    private static string Port() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "8080";
}

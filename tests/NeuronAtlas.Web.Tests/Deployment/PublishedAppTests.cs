using System.Net;
using System.Text.RegularExpressions;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Deployment;

/// <summary>The publish folder is everything a host needs: copied anywhere and configured by environment variables alone, it serves the atlas.</summary>
public sealed class PublishedAppTests(PublishedAppFixture fixture) : IClassFixture<PublishedAppFixture>
{
    private Dictionary<string, string> Environment(string catalogPath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Atlas__CatalogPath"] = catalogPath,
        ["Atlas__ModelsDirectory"] = fixture.ModelsFolder,
        ["Atlas__BuildCatalogOnStart"] = "false",
        ["ZeroShot__CacheDirectory"] = Path.Combine(Path.GetTempPath(), "neuronatlas-published-cache"),
    };

    [Fact]
    public async Task The_copied_publish_folder_serves_home_model_layer_and_neuron_pages_from_environment_configuration()
    {
        Assert.False(File.Exists(Path.Combine(fixture.AppFolder, "NeuronAtlas.sln")));
        using var app = PublishedApp.Start(fixture.AppFolder, Environment(fixture.Catalog.Path));
        var address = await app.ListeningAsync(TimeSpan.FromMinutes(2));
        using var client = new HttpClient { BaseAddress = address };

        var home = await Page(client, "/");
        var model = await Page(client, Link(home, @"/models/resnet18"));
        Assert.Contains("test-colours", model);
        var layer = await Page(client, Link(model, @"/models/resnet18/layer4"));
        var neuron = await Page(client, Link(layer, $@"/models/resnet18/layer4/{TestCatalog.LabelledNeuron}"));
        Assert.Contains(TestCatalog.NoteLabel, neuron);
        var thumbnail = $"/images/{fixture.Catalog.ExampleImage(TestCatalog.LabelledNeuron, 0)}.jpg";
        Assert.Contains(thumbnail, neuron);
        var image = await client.GetAsync(thumbnail);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // The container HEALTHCHECK: the app asking its own /health.
        using var probe = PublishedApp.Start(fixture.AppFolder, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = address.Port.ToString() }, "--healthcheck");
        Assert.True(probe.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.True(probe.ExitCode == 0, probe.Output);
    }

    [Theory]
    [InlineData("Atlas__CatalogPath", "/nonexistent/atlas.db", "Atlas:CatalogPath: no catalog at /nonexistent/atlas.db")]
    [InlineData("Atlas__ModelsDirectory", "/nonexistent/models", "Atlas:ModelsDirectory: the folder /nonexistent/models does not exist")]
    [InlineData("Atlas__DataRoot", "/nonexistent", "Atlas:DataRoot: the folder /nonexistent does not exist")]
    public void A_wrong_location_stops_the_app_with_one_message_naming_the_setting(string variable, string value, string message)
    {
        var environment = Environment(fixture.Catalog.Path);
        environment[variable] = value;
        using var app = PublishedApp.Start(fixture.AppFolder, environment);
        Assert.True(app.WaitForExit(TimeSpan.FromMinutes(1)), "the app kept running:\n" + app.Output);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains("Configuration error: " + message, app.Output);
        Assert.DoesNotContain("Now listening", app.Output);
    }

    private static async Task<string> Page(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}\n{html}");
        return html;
    }

    /// <summary>The first link of the page that is exactly <paramref name="path"/>: the crawl follows what the page offers.</summary>
    private static string Link(string html, string path)
    {
        Assert.Matches(new Regex($"href=\"{Regex.Escape(path)}\""), html);
        return path;
    }
}

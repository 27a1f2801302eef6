using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Tests.Visualize;

public sealed class VisualizeTimeLimitTests
{
    [Fact]
    public async Task A_render_past_the_time_limit_is_stopped_with_a_clear_answer_and_frees_its_slot()
    {
        using var catalog = new ClipTestCatalog();
        var settings = catalog.Settings();
        settings["Visualize:RunTimeoutSeconds"] = "1";
        settings["Visualize:RendererIdleSeconds"] = "0";
        using var app = new AtlasWebFactory(catalog.Path, settings);
        using var client = app.CreateAtlasClient();

        // ResNet18 at its full 224 px input: 512 steps take minutes on any CPU.
        var response = await client.PostAsJsonAsync("/api/visualize", new { model = "resnet18", objective = "layer4:1", steps = 512, size = 256 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Time limit reached", problem.GetProperty("title").GetString());
        Assert.Contains("stopped after 1 s", problem.GetProperty("detail").GetString());
        Assert.Null(response.Headers.RetryAfter);
        var service = app.Services.GetRequiredService<VisualizeService>();
        Assert.Equal((0, 0, 0), (service.ActiveRenders, service.Queue.Running, service.Renderers.LiveRenderers));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Tests.Visualize;

/// <summary>Eight visitors at once against 2 run slots and 3 queue places.</summary>
public sealed class VisualizeConcurrencyTests(VisualizeAppFixture app) : IClassFixture<VisualizeAppFixture>
{
    private const int Users = 8;

    private VisualizeService Service => app.Factory.Services.GetRequiredService<VisualizeService>();

    [Fact]
    public async Task With_every_slot_taken_three_users_queue_and_finish_and_five_are_told_busy_retry()
    {
        var held = new List<VisualizationSlot>();
        for (int i = 0; i < VisualizeAppFixture.MaxConcurrentRuns; i++) held.Add(await Service.Queue.EnterAsync(null, CancellationToken.None));

        var requests = Enumerable.Range(0, Users).Select(i => Post(i)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (requests.Count(r => r.IsCompleted) < Users - VisualizeAppFixture.MaxQueued && DateTime.UtcNow < deadline) await Task.Delay(20);
        var refused = requests.Where(r => r.IsCompleted).ToList();
        Assert.Equal(Users - VisualizeAppFixture.MaxQueued, refused.Count);
        foreach (var response in refused) await AssertBusyAsync(await response);
        Assert.Equal(VisualizeAppFixture.MaxQueued, (await Status()).GetProperty("queued").GetInt32());

        held.ForEach(slot => slot.Dispose());
        var served = await Task.WhenAll(requests.Except(refused));
        Assert.All(served, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Eight_users_at_once_each_get_an_image_or_a_clear_busy_answer_and_the_server_stays_healthy()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Users).Select(i => Task.Run(async () => { await start.Task; return await Post(i); })).ToList();
        start.SetResult();

        var responses = await Task.WhenAll(requests);

        int served = 0;
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
                served++;
            }
            else
            {
                await AssertBusyAsync(response);
            }
        }
        Assert.True(served >= VisualizeAppFixture.MaxConcurrentRuns, $"{served} of {Users} were served");
        await AssertNothingLeftAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health")).StatusCode);
    }

    private Task<HttpResponseMessage> Post(int user) =>
        app.Client.PostAsJsonAsync("/api/visualize", new { model = ClipTestCatalog.Model, objective = $"image_block_4_1:{user}", seed = user, steps = 12, size = 32 });

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Busy, retry", problem.GetProperty("title").GetString());
        Assert.Contains("busy with other visualizations", problem.GetProperty("detail").GetString());
    }

    private async Task AssertNothingLeftAsync()
    {
        var status = await Status();
        Assert.Equal(0, status.GetProperty("running").GetInt32());
        Assert.Equal(0, status.GetProperty("queued").GetInt32());
        Assert.Equal(0, status.GetProperty("liveRenderers").GetInt32());
        Assert.Equal(0, Service.ActiveRenders);
    }

    private Task<JsonElement> Status() => app.Client.GetOkJsonAsync("/api/visualize/status");
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Tests.Visualize;

/// <summary>Live renders through the service the page uses: streaming, cancelling, and that slots and renderers are freed.</summary>
public sealed class VisualizeRunTests(VisualizeAppFixture app) : IClassFixture<VisualizeAppFixture>
{
    private VisualizeService Service => app.Factory.Services.GetRequiredService<VisualizeService>();

    [Fact]
    public async Task A_render_streams_its_steps_and_intermediate_images_then_ends_with_the_last_one()
    {
        var updates = new ConcurrentQueue<VisualizeUpdate>();

        var result = await Service.RenderAsync(Service.Complete(ClipTestCatalog.Model, "image_block_4_1:7", 0, 8, 32), updates.Enqueue, CancellationToken.None);

        var list = updates.ToList();
        Assert.Equal(VisualizeStage.Preparing, list[0].Stage);
        var steps = list.Where(u => u.Stage == VisualizeStage.Optimizing).ToList();
        Assert.Equal(Enumerable.Range(1, 8), steps.Select(u => u.Step));
        Assert.All(steps, u => Assert.Equal(8, u.Steps));
        Assert.All(steps, u => Assert.NotNull(u.Objective));
        Assert.Equal([2, 4, 6, 8], steps.Where(u => u.Png is not null).Select(u => u.Step));
        Assert.Equal(steps[^1].Png, result.Png);
        Assert.Equal("channel(image_block_4_1:7)", result.ObjectiveDescription);
        AssertNothingLeft();
    }

    [Fact]
    public async Task Cancelling_mid_run_stops_the_render_and_frees_its_slot_and_renderer()
    {
        using var cancel = new CancellationTokenSource();
        var stepped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int lastStep = 0;
        var render = Service.RenderAsync(Service.Complete(ClipTestCatalog.Model, "image_block_4_1:3", 0, 512, 128), u =>
        {
            if (u.Stage != VisualizeStage.Optimizing) return;
            lastStep = u.Step;
            stepped.TrySetResult();
        }, cancel.Token);

        await stepped.Task.WaitAsync(TimeSpan.FromMinutes(2));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);
        Assert.True(lastStep < 512, $"the render stopped at step {lastStep}");
        AssertNothingLeft();
        var next = await Service.RenderAsync(Service.Complete(ClipTestCatalog.Model, "image_block_4_1:3", 0, 2, 32), null, CancellationToken.None);
        Assert.NotEmpty(next.Png);
    }

    [Fact]
    public async Task Waiting_renders_see_their_queue_position_move_up_as_slots_free()
    {
        var queue = Service.Queue;
        var held = new List<VisualizationSlot>();
        for (int i = 0; i < VisualizeAppFixture.MaxConcurrentRuns; i++) held.Add(await queue.EnterAsync(null, CancellationToken.None));
        var positions = Enumerable.Range(0, 3).Select(_ => new ConcurrentQueue<int>()).ToArray();
        var renders = new List<Task<VisualizeResult>>();
        for (int i = 0; i < 3; i++)
        {
            var seen = positions[i];
            renders.Add(Service.RenderAsync(Service.Complete(ClipTestCatalog.Model, $"image_block_4_1:{i}", 0, 2, 32),
                u => { if (u.Stage == VisualizeStage.Queued) seen.Enqueue(u.QueuePosition); }, CancellationToken.None));
            await Conditions.WaitUntilAsync(() => queue.Queued == i + 1, "the queue");
        }
        Assert.Equal([[1], [2], [3]], positions.Select(p => p.ToArray()));

        held[0].Dispose();
        await Conditions.WaitUntilAsync(() => positions[2].Contains(2), "the queue");
        Assert.Equal([2, 1], positions[1].ToArray());
        held[1].Dispose();

        await Task.WhenAll(renders);
        Assert.Equal([3, 2, 1], positions[2].ToArray());
        AssertNothingLeft();
    }

    private void AssertNothingLeft()
    {
        Assert.Equal(0, Service.ActiveRenders);
        Assert.Equal(0, Service.Queue.Running);
        Assert.Equal(0, Service.Queue.Queued);
        Assert.Equal(0, Service.Renderers.LiveRenderers);
    }
}

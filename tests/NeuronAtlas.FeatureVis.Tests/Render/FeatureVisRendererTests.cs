using System.Diagnostics;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Render;
using NeuronAtlas.FeatureVis.Tests.Support;

namespace NeuronAtlas.FeatureVis.Tests.Render;

/// <summary>Renders on the embedded ResNet18 (224 px input): short runs, so each takes seconds on two cores.</summary>
public sealed class FeatureVisRendererTests : IDisposable
{
    private readonly FeatureVisRenderer _renderer = new(EmbeddedModel.ResNet18());

    [Fact]
    public async Task The_same_seed_gives_identical_images_and_another_seed_different_ones()
    {
        var options = new RenderOptions { Steps = 3, ImageSize = 32, Seed = 5 };
        var first = await _renderer.RenderChannelsAsync("layer3", [10, 20], options);
        var second = await _renderer.RenderChannelsAsync("layer3", [10, 20], options);
        var other = await _renderer.RenderChannelsAsync("layer3", [10, 20], options with { Seed = 6 });

        Assert.Equal(2, first.Images.Count);
        Assert.Equal(first.Images[1].Pixels, second.Images[1].Pixels);
        Assert.Equal(first.Objective, second.Objective);
        Assert.NotEqual(first.Images[1].Pixels, other.Images[1].Pixels);
        Assert.Equal(first.Images[0].ToPng(), second.Images[0].ToPng());
    }

    [Fact]
    public async Task A_short_render_raises_the_channel_objective_far_above_its_start()
    {
        int[] channels = [12, 40];
        var steps = new List<int>();
        var streamed = new List<IReadOnlyList<FeatureImage>>();
        var progress = new SynchronousProgress<RenderProgress>(p =>
        {
            steps.Add(p.Step);
            if (p.Images is not null) streamed.Add(p.Images);
        });
        var result = await _renderer.RenderChannelsAsync("layer4", channels,
            new RenderOptions { Steps = 40, ImageSize = 64, ProgressImageEvery = 20 }, progress);

        Assert.Equal(Enumerable.Range(1, 40), steps);
        Assert.Equal(2, streamed.Count);
        Assert.Equal(64, result.Images[0].Width);
        var initial = result.InitialObjective!;
        var final = result.Objective!;
        for (int i = 0; i < channels.Length; i++)
            Assert.True(final[i] > initial[i] + 5f && final[i] > 3 * initial[i],
                $"channel {channels[i]}: mean activation {initial[i]} at the start, {final[i]} after 40 steps");
        Assert.All(result.Images.SelectMany(image => image.Pixels), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public async Task Facets_of_one_neuron_differ_from_each_other()
    {
        var result = await _renderer.RenderFacetsAsync("layer3", 5, facets: 2,
            options: new RenderOptions { Steps = 12, ImageSize = 48 });
        Assert.Equal(2, result.Images.Count);
        Assert.Equal(2, result.Objective!.Length);
        double difference = result.Images[0].Pixels.Zip(result.Images[1].Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference > 0.02, $"mean absolute difference between facets {difference}");
    }

    [Fact]
    public async Task Cancellation_stops_within_a_step()
    {
        using var cts = new CancellationTokenSource();
        var clock = new Stopwatch();
        var progress = new SynchronousProgress<RenderProgress>(p =>
        {
            if (p.Step == 2)
            {
                clock.Start();
                cts.Cancel();
            }
        });
        var render = _renderer.RenderChannelsAsync("layer4", [1], new RenderOptions { Steps = 500, ImageSize = 32 }, progress, cts.Token);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped {clock.Elapsed} after cancellation");
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Objectives_are_checked_against_the_model_before_rendering()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _renderer.RenderChannelsAsync("layer4", [512], new RenderOptions { Steps = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => _renderer.RenderAsync(LayerObjective.Diversity("layer4"), new RenderOptions { Steps = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => _renderer.RenderChannelsAsync("nope", [1], new RenderOptions { Steps = 1 }));
    }

    [Fact]
    public async Task Objectives_over_the_same_layer_share_one_session_and_render_as_a_fresh_renderer_does()
    {
        var options = new RenderOptions { Steps = 2, ImageSize = 32, ProgressImageEvery = 0 };
        var direction = Enumerable.Range(0, 512).Select(c => c % 3 == 0 ? 1f : -0.5f).ToArray();
        LayerObjective[] objectives =
        [
            LayerObjective.Channel("layer4", 7), LayerObjective.Neuron("layer4", 9),
            LayerObjective.Channel("layer4", 3) - 0.5f * LayerObjective.Neuron("layer4", 4), LayerObjective.Direction("layer4", direction),
        ];
        var shared = new List<RenderResult>();
        foreach (var objective in objectives) shared.Add(await _renderer.RenderAsync(objective, options));
        Assert.Equal(1, _renderer.CachedSessions);

        for (var i = 0; i < objectives.Length; i += 3)
        {
            using var fresh = new FeatureVisRenderer(EmbeddedModel.ResNet18());
            var alone = await fresh.RenderAsync(objectives[i], options);
            Assert.Equal(alone.Objective![0], shared[i].Objective![0], 1e-4 * (1 + Math.Abs(alone.Objective[0])));
            Assert.True(alone.Images[0].Pixels.Zip(shared[i].Images[0].Pixels).All(p => Math.Abs(p.First - p.Second) < 1e-4), $"{objectives[i]}: images differ.");
        }
    }

    public void Dispose() => _renderer.Dispose();

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so assertions see every report in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

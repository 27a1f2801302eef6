using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Lookup;
using NeuronAtlas.Web.Tests.Infrastructure;
using NeuronAtlas.Web.Visualize;

namespace NeuronAtlas.Web.Tests.Clip;

/// <summary>
/// What the live pages call (text encoding and rendering for a visualization, a lookup with a typed label list, a typographic attack)
/// runs on the thread pool: it finishes while the calling circuit's thread never runs anything.
/// </summary>
public sealed class OffTheCircuitTests(ClipAppFixture app) : IClassFixture<ClipAppFixture>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Preparing_a_text_objective_does_not_need_the_circuit()
    {
        var service = app.Factory.Services.GetRequiredService<VisualizeService>();
        var circuit = new StalledCircuitContext();

        var prepared = await circuit.Start(() => service.PrepareAsync(service.Complete(ClipTestCatalog.Model, "text:\"a circuit\"", 0, 1, 96), CancellationToken.None))
            .WaitAsync(HangGuard);

        Assert.Equal("text(\"a circuit\")", prepared.Objective.Description);
        Assert.Equal(0, circuit.Posted);
    }

    [Fact]
    public async Task A_render_does_not_need_the_circuit()
    {
        var service = app.Factory.Services.GetRequiredService<VisualizeService>();
        var circuit = new StalledCircuitContext();

        var result = await circuit.Start(() => service.RenderAsync(service.Complete(ClipTestCatalog.Model, "text:\"a render\"", 0, 1, 32), null, CancellationToken.None))
            .WaitAsync(HangGuard);

        Assert.NotEmpty(result.Png);
        Assert.Equal(0, circuit.Posted);
    }

    [Fact]
    public async Task A_lookup_with_typed_labels_does_not_need_the_circuit()
    {
        var lookup = app.Factory.Services.GetRequiredService<ImageLookupService>();
        var circuit = new StalledCircuitContext();

        var result = await circuit.Start(() => lookup.LookupAsync(TestImages.Png(), ClipTestCatalog.Model, 2, CancellationToken.None, "a cat, a dog, a spider"))
            .WaitAsync(HangGuard);

        Assert.Equal(3, result.ZeroShot!.LabelCount);
        Assert.Equal(0, circuit.Posted);
    }

    [Fact]
    public async Task A_typographic_attack_does_not_need_the_circuit()
    {
        var attacks = app.Factory.Services.GetRequiredService<TypographicAttackService>();
        var circuit = new StalledCircuitContext();

        var result = await circuit.Start(() => attacks.AttackAsync(TestImages.Png(), ClipTestCatalog.Model, new TypographicLabel { Text = "iPod" }, null, CancellationToken.None))
            .WaitAsync(HangGuard);

        Assert.Equal("iPod", result.Text);
        Assert.Equal(0, circuit.Posted);
    }
}

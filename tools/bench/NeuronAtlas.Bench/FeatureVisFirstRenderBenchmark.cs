using System.Diagnostics;
using NeuronAtlas.Core;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.FeatureVis.Render;

namespace NeuronAtlas.Bench;

/// <summary>
/// What a live visualization pays for an objective it has not rendered before: one renderer on ResNet18, 1 step at
/// 64 px (batch 1), the first render of new objectives over an already seen layer against a second render of the same
/// objective, and, for scale, the first render over a layer not seen yet (which builds a gradient graph and session).
/// </summary>
internal static class FeatureVisFirstRenderBenchmark
{
    private const int NewObjectives = 6;

    public static async Task RunAsync(BenchOptions options)
    {
        var root = AtlasPaths.FindRoot();
        var manifest = ModelManifestLoader.Load(Path.Combine(root, "data", "models", "resnet18", "manifest.json"));
        using var renderer = new FeatureVisRenderer(manifest);
        var render = new RenderOptions { Steps = 1, ImageSize = 64, ProgressImageEvery = 0 };
        async Task<double> Seconds(LayerObjective objective)
        {
            var clock = Stopwatch.StartNew();
            await renderer.RenderAsync(objective, render);
            return clock.Elapsed.TotalSeconds;
        }

        var loadBefore = LoadAverage();
        var layer4 = await Seconds(LayerObjective.Channel("layer4", 0));
        await Seconds(LayerObjective.Channel("layer4", 0));
        var first = new List<double>();
        var seen = new List<double>();
        for (var k = 1; k <= NewObjectives; k++)
        {
            var objective = (k % 3) switch
            {
                0 => LayerObjective.Neuron("layer4", k),
                1 => LayerObjective.Channel("layer4", k),
                _ => LayerObjective.Channel("layer4", k) - 0.5f * LayerObjective.Neuron("layer4", k + 100),
            };
            first.Add(await Seconds(objective));
            seen.Add(await Seconds(objective));
        }
        var layer3 = await Seconds(LayerObjective.Channel("layer3", 0));

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        string Row(string what, List<double> values) =>
            $"| {what} | {values.Count} | {Median(values) * 1000:F0} | {values.Min() * 1000:F0} | {values.Max() * 1000:F0} |";
        Console.WriteLine($"""
            ## Live visualize: first render of a new objective (ResNet18, 1 step at 64 px, batch 1)

            Machine: {MachineInfo.Describe()}; load average (1 min) {loadBefore} before, {LoadAverage()} after
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- feature-vis-first-render`

            | render | n | median ms | min ms | max ms |
            |---|---|---|---|---|
            {Row("objective already seen (second render)", seen)}
            {Row("new objective over a seen layer (channel, neuron, weighted sum on layer4)", first)}
            {Row("first render on layer4 (builds the gradient graph and session)", [layer4])}
            {Row("first render on layer3 (builds the gradient graph and session)", [layer3])}

            **New objective / seen objective: {Median(first) / Median(seen):F2}x** (target ≤ 1.5x). First render on a new layer / seen objective: layer4 {layer4 / Median(seen):F1}x, layer3 {layer3 / Median(seen):F1}x.

            """);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

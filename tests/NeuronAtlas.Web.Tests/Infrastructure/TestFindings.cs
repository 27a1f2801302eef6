using NeuronAtlas.Clip.Findings;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>A hand-made findings report for <see cref="TestCatalog.Model"/> with known figures, stored by <see cref="TestCatalog"/>.</summary>
public static class TestFindings
{
    public const string Layer = "layer4";
    public const int SpiderUnit = 3;
    public const int BusUnit = 7;
    public const int ProbeUnit = 11;
    /// <summary>A multimodal unit of the attention-pool output, which is no catalog layer here, so it is not linked.</summary>
    public const int PoolUnit = 17;
    public const string Baseline = "random-init";

    private static LayerCensus Census(string id, int count, IReadOnlyList<CensusUnit> best, ControlStatistics? rotation = null, string? neuronLayer = null) =>
        new(id, id, new CensusResult(512, 3, count, best.Count, 0, count, best.Count, 72, best), new ControlStatistics(200, 2.4, 8, 9), rotation, neuronLayer);

    private static ModelFigures Figures(string model, string role, int count, double top1) => new(model, model, role,
        Census(Layer, count, count == 0 ? [] :
        [
            new CensusUnit(SpiderUnit, 0, "spider", 7.5f, 6.25f, 1, true, false),
            new CensusUnit(BusUnit, 1, "bus", 7.1f, 9.2f, 1, true, false),
        ], neuronLayer: Layer),
        Census("image_embedding", count * 2, count == 0 ? [] : [new CensusUnit(PoolUnit, 2, "salt", 12.1f, 8.7f, 1, true, false)],
            new ControlStatistics(10, 3.5, 5, 5)),
        [
            new ZeroShotScore("openmoji-line pictures (held-out style)", 300, top1, 0.94),
            new ZeroShotScore("words in held-out fonts", 1200, top1 / 2, 0.9),
        ]);

    public static FindingsReport Report { get; } = new(
        TestCatalog.Model, "ResNet-18", TestCatalog.ComputedAt,
        new FindingsSetup(300, 60, 29, GlyphConcepts.Description, Layer, "emoji", 1200, "openmoji-line", "emoji-words", 1200, 0.01, 0.5, 200, 10,
            ["{}", "the word {}"], ["animal-bug", "food-fruit"], 4),
        Figures(TestCatalog.Model, "model", 2, 0.837),
        [Figures(Baseline, Baseline, 0, 0.003)],
        new TypographicFindings([new TypographicFindingsRow("openmoji-line", "LiberationSans-Bold", 300, 250, 30, 1, 0.085, 0.14)],
            [new TypographicFlip("stethoscope", "openmoji-line", "scientist", "x.jpg")]),
        new ProbeReport(2, 600, 200, 0.5,
        [
            new ProbeBudget(3, 0.8, [new ClassProbe("animal-bug", 300, 100, [new ProbeWeight(ProbeUnit, 2.5), new ProbeWeight(SpiderUnit, -1.1)]),
                                     new ClassProbe("food-fruit", 300, 100, [new ProbeWeight(BusUnit, 0.7)])]),
            new ProbeBudget(10, 0.9, []),
        ]),
        [
            new NeuronFamily("Animals & Nature", [new FamilyUnit(SpiderUnit, "spider", 7.5f, ["spider", "ant"])]),
            new NeuronFamily("Travel & Places", [new FamilyUnit(BusUnit, "bus", 7.1f, ["bus", "tram"])]),
        ]);
}

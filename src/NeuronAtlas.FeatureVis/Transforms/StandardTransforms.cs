namespace NeuronAtlas.FeatureVis.Transforms;

/// <summary>Lucent's standard_transforms: pad 12, jitter 8, scale 0.90..1.10, rotate -10..10° (0 weighted more), jitter 4.</summary>
public static class StandardTransforms
{
    /// <summary>1 + (i - 5) / 50 for i = 0..10.</summary>
    public static IReadOnlyList<float> Scales { get; } = Enumerable.Range(0, 11).Select(i => 1f + (i - 5) / 50f).ToArray();

    /// <summary>-10..10 degrees, plus five more zeros: no rotation has probability 6/26.</summary>
    public static IReadOnlyList<float> Angles { get; } = Enumerable.Range(-10, 21).Select(a => (float)a).Concat(Enumerable.Repeat(0f, 5)).ToArray();

    public static IReadOnlyList<IImageTransform> Create() =>
    [
        new Pad(12),
        new Jitter(8),
        new RandomScale(Scales),
        new RandomRotate(Angles),
        new Jitter(4),
    ];
}

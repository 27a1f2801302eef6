namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// The training renders of one concept: <see cref="RendersPerConcept"/> images, a quarter of them (for a label of two
/// words) its rarer word and the rest the full label, cycling through the four letter cases, each in a different
/// training font, at a random size (55-100 % of the largest), place, paper and ink; 35 % noisy, 60 % tilted by up to
/// 12 degrees either way. All drawn from one seeded generator per concept.
/// </summary>
public static class TrainingWordSampler
{
    public const int RendersPerConcept = 24;
    public const int RareWordRenders = RendersPerConcept / 4;
    public const double NoisyShare = 0.35;
    public const double TiltedShare = 0.6;
    public const float MaxTiltDegrees = 12f;
    public const float MinSizeShare = 0.55f;

    /// <param name="label">The concept's label.</param>
    /// <param name="rareWord">The label's rarer word, or null for a one-word label.</param>
    /// <param name="fontCount">How many training fonts there are (at least <see cref="RendersPerConcept"/>).</param>
    public static IReadOnlyList<WordRenderPlan> Plans(string label, string? rareWord, int fontCount, Random rng)
    {
        if (fontCount < RendersPerConcept)
            throw new ArgumentException($"{RendersPerConcept} renders per concept need as many fonts; got {fontCount}.");
        var fonts = Enumerable.Range(0, fontCount).ToArray();
        rng.Shuffle(fonts);
        var plans = new List<WordRenderPlan>(RendersPerConcept);
        for (int i = 0; i < RendersPerConcept; i++)
        {
            var text = rareWord is not null && i >= RendersPerConcept - RareWordRenders ? rareWord : label;
            var (paper, ink) = WordColours.Sample(rng);
            float sizeShare = MinSizeShare + (1 - MinSizeShare) * rng.NextSingle();
            float tilt = rng.NextDouble() < TiltedShare ? (2 * rng.NextSingle() - 1) * MaxTiltDegrees : 0f;
            float placeX = rng.NextSingle(), placeY = rng.NextSingle();
            int noise = rng.NextDouble() < NoisyShare ? rng.Next(8, 41) : 0;
            plans.Add(new WordRenderPlan(WordText.InCase(text, (LetterCase)(i % 4)), fonts[i], sizeShare, tilt,
                placeX, placeY, ink, paper, noise, rng.Next()));
        }
        return plans;
    }
}

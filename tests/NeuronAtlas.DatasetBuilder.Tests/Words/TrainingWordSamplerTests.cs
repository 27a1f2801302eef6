using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

public class TrainingWordSamplerTests
{
    [Fact]
    public void ATwoWordLabelGetsEighteenFullRendersAndSixOfItsRarerWordInFourCasesAndDistinctFonts()
    {
        var plans = TrainingWordSampler.Plans("wine glass", "wine", 53, new Random(1));
        Assert.Equal(24, plans.Count);
        Assert.Equal(18, plans.Count(p => p.Text.Equals("wine glass", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(6, plans.Count(p => p.Text.Equals("wine", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(["WINE GLASS", "Wine Glass", "Wine glass", "wine glass"], plans.Take(4).Select(p => p.Text).Order(StringComparer.Ordinal));
        Assert.Equal(24, plans.Select(p => p.Font).Distinct().Count());
        Assert.All(plans, p => Assert.InRange(p.Font, 0, 52));
    }

    [Fact]
    public void AOneWordLabelIsAlwaysRenderedWhole() =>
        Assert.All(TrainingWordSampler.Plans("taco", null, 30, new Random(2)), p => Assert.Equal("taco", p.Text, ignoreCase: true));

    [Fact]
    public void TiltNoiseSizeAndContrastFollowTheRecipe()
    {
        var plans = Enumerable.Range(0, 400).SelectMany(seed => TrainingWordSampler.Plans("hot dog", "hot", 53, new Random(seed))).ToList();
        Assert.All(plans, p => Assert.InRange(p.RotationDegrees, -12f, 12f));
        Assert.All(plans, p => Assert.InRange(p.SizeShare, 0.55f, 1f));
        Assert.All(plans, p => Assert.True(Math.Abs(WordColours.Luma(p.Ink) - WordColours.Luma(p.Paper)) >= 0.4));
        // 9,600 draws: the shares are within 2 points of 60 % tilted and 35 % noisy (about 4 standard errors).
        Assert.InRange(plans.Count(p => p.RotationDegrees != 0) / (double)plans.Count, 0.58, 0.62);
        Assert.InRange(plans.Count(p => p.NoiseAmplitude > 0) / (double)plans.Count, 0.33, 0.37);
        Assert.All(plans.Where(p => p.NoiseAmplitude > 0), p => Assert.InRange(p.NoiseAmplitude, 8, 40));
    }

    [Fact]
    public void TheSameSeedGivesTheSamePlans() =>
        Assert.Equal(TrainingWordSampler.Plans("hot dog", "hot", 53, new Random(5)), TrainingWordSampler.Plans("hot dog", "hot", 53, new Random(5)));

    [Fact]
    public void FewerFontsThanRendersIsAnError() =>
        Assert.Throws<ArgumentException>(() => TrainingWordSampler.Plans("taco", null, 23, new Random(0)));
}

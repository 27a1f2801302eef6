using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

public class TrainingFontsTests
{
    [Fact]
    public void NoTrainingFontIsAHeldOutFont() =>
        Assert.DoesNotContain(TrainingFonts.All, f => HeldOutFonts.IsHeldOut(f.RelativePath));

    [Fact]
    public void ThereAreOver40DistinctTrainingFontsFromSeveralPackages()
    {
        Assert.InRange(TrainingFonts.All.Count, 41, 1000);
        Assert.Equal(TrainingFonts.All.Count, TrainingFonts.All.Select(f => f.Stem).Distinct().Count());
        Assert.InRange(TrainingFonts.All.Select(f => f.Package).Distinct().Count(), 15, 100);
    }
}

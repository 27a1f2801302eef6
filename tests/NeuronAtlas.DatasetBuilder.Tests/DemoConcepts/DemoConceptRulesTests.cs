using NeuronAtlas.DatasetBuilder.DemoConcepts;

namespace NeuronAtlas.DatasetBuilder.Tests.DemoConcepts;

public class DemoConceptRulesTests
{
    private static readonly string[] AllStyles = ["noto", "twemoji", "openmoji-color", "openmoji-line"];

    private static ConceptRow Row(string label, params string[] styles) =>
        new("1f000", label, "Objects", "tool", styles.Length == 0 ? AllStyles : styles);

    [Theory]
    [InlineData("hot dog")]
    [InlineData("spider")]
    [InlineData("T-Rex")]
    [InlineData("Leo")]
    public void AcceptsShortPlainLabelsDrawnInEveryStyle(string label) =>
        Assert.Null(DemoConceptRules.Rejection(Row(label)));

    [Theory]
    [InlineData("flag: Japan")]
    [InlineData("keycap: 1")]
    [InlineData("piñata")]
    [InlineData("A button (blood type)")]
    [InlineData("Japanese \u201cfree of charge\u201d button")]
    [InlineData("hot  dog")]
    [InlineData("t-")]
    public void RejectsLabelsWithAnythingButLettersSpacesAndHyphens(string label) =>
        Assert.Equal("not letters, single spaces and hyphens only", DemoConceptRules.Rejection(Row(label)));

    [Fact]
    public void RejectsLabelsOfThreeWords() =>
        Assert.Equal("more than 2 words", DemoConceptRules.Rejection(Row("face with tears")));

    [Theory]
    [InlineData("man cook")]
    [InlineData("woman")]
    [InlineData("person running")]
    [InlineData("Women dancing")]
    public void RejectsPeopleVariants(string label) =>
        Assert.Equal("a man/woman/person variant", DemoConceptRules.Rejection(Row(label)));

    [Fact]
    public void RejectsConceptsMissingAStyle() =>
        Assert.Equal("not drawn in openmoji-line", DemoConceptRules.Rejection(Row("spider", "noto", "twemoji", "openmoji-color")));

    [Fact]
    public void SignificantWordsAreLowerCaseSplitAtSpacesAndHyphensAndLongerThanTwoLetters() =>
        Assert.Equal(["rex", "upper"], DemoConceptRules.SignificantWords("T-Rex of Upper").Order());

    [Fact]
    public void APluralSharesItsSingularsWord() =>
        Assert.Equal(DemoConceptRules.SignificantWords("house"), DemoConceptRules.SignificantWords("Houses"));
}

using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

public class WordTextTests
{
    [Theory]
    [InlineData(LetterCase.Lower, "christmas tree")]
    [InlineData(LetterCase.Upper, "CHRISTMAS TREE")]
    [InlineData(LetterCase.Title, "Christmas Tree")]
    [InlineData(LetterCase.Sentence, "Christmas tree")]
    public void WritesALabelInEachLetterCase(LetterCase letterCase, string expected) =>
        Assert.Equal(expected, WordText.InCase("Christmas tree", letterCase));

    private static readonly IReadOnlyDictionary<string, int> Counts =
        WordText.LabelsPerWord(["hot dog", "dog", "dog face", "hot pepper", "hot springs", "wine glass", "glass of milk", "no smoking", "no entry", "ox"]);

    [Fact]
    public void CountsLabelsPerWord()
    {
        Assert.Equal(3, Counts["dog"]);
        Assert.Equal(3, Counts["hot"]);
        Assert.Equal(1, Counts["wine"]);
    }

    [Theory]
    [InlineData("wine glass", "wine")]       // wine 1 label, glass 2
    [InlineData("hot dog", "dog")]           // both 3: the later word
    [InlineData("no smoking", "smoking")]    // "no" is too short to stand alone
    [InlineData("dog face", "face")]         // face 1, dog 3
    [InlineData("unknown word", "unknown")]  // both in no label: the longer
    public void TheRarerWordIsInFewestLabelsThenLongerThenLater(string label, string expected) =>
        Assert.Equal(expected, WordText.RarerWord(label, Counts));

    [Fact]
    public void AOneWordLabelHasNoRarerWord() => Assert.Null(WordText.RarerWord("ox", Counts));
}

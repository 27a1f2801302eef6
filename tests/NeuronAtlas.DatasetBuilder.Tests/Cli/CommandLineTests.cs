using NeuronAtlas.DatasetBuilder.Cli;
using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void ConceptsTakesItsOptions()
    {
        var request = CommandLine.Parse(["concepts", "--count", "120", "--out", "x"]);
        Assert.Equal(120, request.Concepts!.Count);
        Assert.Equal("x", request.Concepts.ModelDirectory);
        Assert.Null(request.Build);
    }

    [Fact]
    public void WordsTakesItsOptions()
    {
        var request = CommandLine.Parse(["words", "--sets", "train", "--seed", "3"]);
        Assert.Equal(WordSets.Training, request.Words!.Sets);
        Assert.Equal(3, request.Words.Seed);
        Assert.Equal(Path.Combine("data", "datasets", "emoji-words"), request.Words.EvaluationOutput);
    }

    [Theory]
    [InlineData("words", "--sets", "some")]
    [InlineData("words", "--colour", "red")]
    [InlineData("concepts", "--count", "0")]
    public void BadOptionsAreErrors(params string[] args) =>
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));

    [Fact]
    public void TheEmojiBuildIsUnchanged() =>
        Assert.Equal("out", CommandLine.Parse(["--out", "out"]).Build!.OutputDirectory);
}

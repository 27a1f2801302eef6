namespace NeuronAtlas.Precompute.Tests.DatasetPass;

public class CliErrorTests
{
    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output) = PrecomputeProcess.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("dataset-pass", output);
        Assert.Contains("build-embedded", output);
    }

    [Theory]
    [InlineData("no-such-model", "/tmp", "Unknown model 'no-such-model'")]
    [InlineData("resnet18", "/definitely/not/here", "neither an image folder nor a dataset")]
    public void Bad_arguments_fail_with_a_message_naming_the_problem(string model, string images, string message)
    {
        var (code, output) = PrecomputeProcess.Run("dataset-pass", "--model", model, "--images", images, "--catalog", Path.Combine(Path.GetTempPath(), "unused.db"));
        Assert.NotEqual(0, code);
        Assert.Contains(message, output);
    }
}

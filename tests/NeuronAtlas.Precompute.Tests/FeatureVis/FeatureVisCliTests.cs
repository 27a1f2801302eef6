using NeuronAtlas.Onnx.IO;
using Onnx;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Precompute.Tests.FeatureVis;

/// <summary>precompute gradient, feature-vis and feature-vis-report as a user runs them.</summary>
public sealed class FeatureVisCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("featurevis-cli-").FullName;

    [Fact]
    public void Gradient_writes_the_input_gradient_as_npy_and_the_graph_as_onnx()
    {
        var image = Path.Combine(_folder, "stripes.png");
        using (var picture = new Image<Rgb24>(64, 48))
        {
            for (int y = 0; y < 48; y++)
                for (int x = 0; x < 64; x++)
                    picture[x, y] = new Rgb24((byte)(x * 4), (byte)(y % 8 < 4 ? 220 : 30), (byte)(255 - x * 3));
            picture.SaveAsPng(image);
        }
        var npy = Path.Combine(_folder, "out", "g.npy");
        var onnx = Path.Combine(_folder, "g.onnx");

        var (exit, output) = PrecomputeProcess.Run("gradient", "--model", "resnet18", "--layer", "layer3", "--channel", "17",
            "--image", image, "--out", npy, "--graph-out", onnx);

        Assert.True(exit == 0, output);
        var gradient = NpyFile.Read(npy);
        Assert.Equal([1, 3, 224, 224], gradient.Shape);
        Assert.Contains(gradient.Data, g => g != 0f);
        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx)).Graph;
        Assert.Equal(["objective", "objective_total", "Input247_gradient"], graph.Output.Select(o => o.Name).ToArray());
        Assert.Contains("channel(layer3:17) mean activation", output);
    }

    [Theory]
    [InlineData("--channel", "600", "outside 0..511 of layer 'layer4'")]
    [InlineData("--layer", "layer9", "has no layer 'layer9'")]
    public void Gradient_rejects_channels_and_layers_the_model_lacks(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--layer"] = "layer4", ["--channel"] = "1" };
        args[option] = value;
        var (exit, output) = PrecomputeProcess.Run("gradient", "--model", "resnet18", "--layer", args["--layer"], "--channel", args["--channel"],
            "--image", Path.Combine(_folder, "none.png"), "--out", Path.Combine(_folder, "g.npy"));
        Assert.Equal(1, exit);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Feature_vis_without_a_dataset_pass_says_what_to_run()
    {
        var (exit, output) = PrecomputeProcess.Run("feature-vis", "--model", "resnet18", "--layers", "layer4", "--catalog", Path.Combine(_folder, "empty.db"),
            "--steps", "1");
        Assert.Equal(1, exit);
        Assert.Contains("has no layer 'layer4' of model 'resnet18'", output);
        Assert.Contains("precompute dataset-pass --model resnet18", output);
    }

    [Fact]
    public void Feature_vis_rejects_a_malformed_channel_range()
    {
        var (exit, output) = PrecomputeProcess.Run("feature-vis", "--model", "resnet18", "--layers", "layer4", "--channels", "9:3",
            "--catalog", Path.Combine(_folder, "empty.db"));
        Assert.Equal(1, exit);
        Assert.Contains("--channels '9:3' is not start:end", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

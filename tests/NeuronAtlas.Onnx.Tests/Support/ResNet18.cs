using Onnx;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>The embedded ResNet18 (CNTK export, opset 8) that the build copies next to the test assembly.</summary>
public static class ResNet18
{
    public const string Input = "Input247";
    public const string Output = "Pooling395_Output_0";
    public const string Stage1 = "ReLU283_Output_0";
    public const string Stage2 = "ReLU315_Output_0";
    public const string Stage3 = "ReLU347_Output_0";
    public const string Stage4 = "ReLU393_Output_0";

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "models", "resnet18", "ResNet18.onnx");

    public static ModelProto Load()
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: restore and build the test project so the embedded model is copied.");
        return ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path));
    }

    /// <summary>A BGR image minus the channel means: values roughly in [-125, 150].</summary>
    public static FloatTensor RandomImage(Random random, int batch = 1)
    {
        var image = FloatTensor.Random(random, batch, 3, 224, 224);
        for (var i = 0; i < image.Data.Length; i++) image.Data[i] *= 120f;
        return image;
    }

    public static Dictionary<string, FloatTensor> Feed(FloatTensor image) => new() { [Input] = image };
}

using System.Runtime.InteropServices;
using System.Text.Json;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Core.Tests.TestData;

/// <summary>
/// Layer means of images computed by tools/torch_reference/resnet18_layer_means.py: PIL preprocessing per the manifest,
/// a PyTorch ResNet with the ONNX file's weights. Nothing of NeuronAtlas runs in it.
/// </summary>
public static class TorchResNet18Reference
{
    private static readonly (string Module, string Package)[] Needed =
        [("torch", "python3-torch"), ("torchvision", "python3-torchvision"), ("onnx", "python3-onnx"), ("PIL", "python3-pil")];

    /// <param name="imageFiles">The images, which the script preprocesses with PIL.</param>
    /// <param name="ourInput">NeuronAtlas's model input for the same images, float [N, 3, H, W], which torch runs as well.</param>
    public static TorchLayerMeans Compute(ModelManifest manifest, IReadOnlyList<string> imageFiles, float[] ourInput)
    {
        var (parsed, pilInput) = RunScript(manifest, imageFiles, ourInput);
        return new TorchLayerMeans(parsed.Layers!, parsed.TensorLayers, pilInput!);
    }

    /// <summary>Per layer id, per item, torch's channel means on a given model input, float [N, 3, H, W].</summary>
    public static Dictionary<string, double[][]> OnInput(ModelManifest manifest, float[] input) => RunScript(manifest, [], input).Result.TensorLayers;

    private static (Result Result, float[]? PilInput) RunScript(ModelManifest manifest, IReadOnlyList<string> imageFiles, float[] input)
    {
        ReferencePython.Require(Needed);
        string script = Path.Combine(TestModels.RepoRoot, "tools", "torch_reference", "resnet18_layer_means.py");
        string folder = Directory.CreateTempSubdirectory("torch-reference-").FullName;
        try
        {
            string tensor = Path.Combine(folder, "input.f32"), pil = Path.Combine(folder, "pil.f32");
            File.WriteAllBytes(tensor, MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
            string[] pilArguments = imageFiles.Count > 0 ? ["--input-out", pil, .. imageFiles] : [];
            var (code, output, error) = ReferencePython.Run([script, "--manifest", Path.Combine(manifest.BaseDirectory, "manifest.json"),
                "--onnx", ModelManifestLoader.ResolveOnnxPath(manifest), "--tensor", tensor, .. pilArguments]);
            Assert.True(code == 0, $"{script} failed ({code}):\n{error}");
            var parsed = JsonSerializer.Deserialize<Result>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidDataException($"{script} printed no JSON.");
            return (parsed, imageFiles.Count > 0 ? MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(pil)).ToArray() : null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Result(Dictionary<string, double[][]>? Layers, Dictionary<string, double[][]> TensorLayers);
}

using System.Diagnostics;
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
    private const string Python = "/usr/bin/python3";
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
        RequirePackages();
        string script = Path.Combine(TestModels.RepoRoot, "tools", "torch_reference", "resnet18_layer_means.py");
        string folder = Directory.CreateTempSubdirectory("torch-reference-").FullName;
        try
        {
            string tensor = Path.Combine(folder, "input.f32"), pil = Path.Combine(folder, "pil.f32");
            File.WriteAllBytes(tensor, MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
            string[] pilArguments = imageFiles.Count > 0 ? ["--input-out", pil, .. imageFiles] : [];
            var (code, output, error) = Run([script, "--manifest", Path.Combine(manifest.BaseDirectory, "manifest.json"),
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

    private static void RequirePackages()
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: apt-get install -y python3 {string.Join(' ', Needed.Select(n => n.Package))}.");
        var missing = Needed.Where(n => Run(["-c", $"import {n.Module}"]).ExitCode != 0).Select(n => n.Package).ToList();
        if (missing.Count > 0)
            Assert.Fail($"{Python} lacks the torch reference's packages: apt-get install -y {string.Join(' ', missing)}.");
    }

    private static (int ExitCode, string Output, string Error) Run(string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Python} {string.Join(' ', arguments)} did not finish within 5 minutes.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private sealed record Result(Dictionary<string, double[][]>? Layers, Dictionary<string, double[][]> TensorLayers);
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Tests.Text;

namespace NeuronAtlas.Clip.Tests.TestData;

/// <summary>
/// CLIP models exported by tools/clip_export with seeded random weights, for tests. Each export is cached under the
/// temp folder, keyed by the exporter's source, so repeated and concurrent test runs share it. Needs Debian's
/// python3-torch and python3-onnx; when they are missing the tests fail and name them.
/// </summary>
public static class ClipTestExports
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string> Tiny = new(() => Export("RN-tiny", seed: 0));
    private static readonly Lazy<string> FullSizeResNet50x4 = new(() => Export("RN50x4", seed: 0));

    /// <summary>The folder of a tiny ModifiedResNet CLIP (96 px, embedding 32, 256 channels in image_block_4_1).</summary>
    public static string TinyResNetDirectory => Tiny.Value;

    public static ModelManifest TinyResNet() => ModelManifestLoader.Load(Path.Combine(TinyResNetDirectory, "manifest.json"));

    /// <summary>A full-size RN50x4 (288 px, 2560 channels in image_block_4_5), about 700 MB on disk.</summary>
    public static string ResNet50x4Directory => FullSizeResNet50x4.Value;

    public static string VocabularyPath => ClipVocabularyFile.Locate();

    public static string RepoRoot => ClipVocabularyFile.RepositoryRoot;

    /// <summary>Fails the test, naming the Debian packages, when /usr/bin/python3 cannot import torch and onnx.</summary>
    public static void RequireTorch()
    {
        var (code, _, error) = RunPython("-c \"import torch, onnx\"", null, TimeSpan.FromMinutes(1));
        if (code != 0)
            Assert.Fail($"{Python} cannot import torch and onnx ({error.Trim()}). Install the Debian packages python3-torch python3-onnx " +
                        "(apt-get install -y python3-torch python3-onnx).");
    }

    private static string Export(string architecture, int seed)
    {
        RequireTorch();
        var exporter = Path.Combine(RepoRoot, "tools", "clip_export");
        var key = SourceKey(exporter, $"{architecture}|{seed}");
        var target = Path.Combine(Path.GetTempPath(), "neuronatlas-clip-exports", $"{architecture}-{key}");
        if (File.Exists(Path.Combine(target, "manifest.json"))) return target;

        var staging = target + ".staging-" + Guid.NewGuid().ToString("N")[..8];
        var (code, output, error) = RunPython(
            $"-m clip_export --random-init {architecture} --seed {seed} --out \"{staging}\"",
            exporter, TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"clip_export --random-init {architecture} failed ({code}):\n{error}\n{output}");
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, "manifest.json")))
        {
            Directory.Delete(staging, recursive: true); // another test process finished the same export first
        }
        return target;
    }

    private static string SourceKey(string exporter, string settings)
    {
        var text = new StringBuilder(settings);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(exporter, "clip_export"), "*.py").Order(StringComparer.Ordinal))
            text.Append('\n').Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    public static (int ExitCode, string Output, string Error) RunPython(string arguments, string? workingDirectory, TimeSpan timeout, string? stdin = null)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing. Install the Debian packages python3 python3-torch python3-onnx.");
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Python} {arguments} did not finish in {timeout}.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

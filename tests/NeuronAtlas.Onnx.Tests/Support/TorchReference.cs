using System.Diagnostics;

namespace NeuronAtlas.Onnx.Tests.Support;

/// <summary>Runs tools/gradcheck with Debian's python3-torch and python3-onnx.</summary>
public static class TorchReference
{
    private const string Python = "/usr/bin/python3";
    private const string InstallHint = "install python3-torch python3-onnx (apt-get install python3-torch python3-onnx)";

    /// <summary>Runs the gradient-check script into a fresh folder and returns the folder.</summary>
    public static string RunGradCheck(int seed)
    {
        RequireTorch();
        var script = Path.Combine(RepositoryRoot(), "tools", "gradcheck", "clip_resnet_gradcheck.py");
        var output = Directory.CreateTempSubdirectory("gradcheck-").FullName;
        var (exitCode, log) = Run(script, "--out", output, "--seed", seed.ToString());
        Assert.True(exitCode == 0, $"{script} failed:\n{log}");
        return output;
    }

    private static void RequireTorch()
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: {InstallHint}.");
        var (exitCode, log) = Run("-c", "import torch, onnx, numpy");
        if (exitCode != 0) Assert.Fail($"{Python} cannot import torch and onnx: {InstallHint}.\n{log}");
    }

    private static (int ExitCode, string Log) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Python} {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, "tools", "gradcheck")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"No tools/gradcheck folder above {AppContext.BaseDirectory}.");
    }
}

using System.Diagnostics;

namespace NeuronAtlas.Core.Tests.TestData;

/// <summary>Runs the repository's Python reference scripts with Debian's /usr/bin/python3; a missing package fails the test naming it.</summary>
public static class ReferencePython
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Fails the test, with the apt-get line to fix it, when python3 or one of the modules is missing.</summary>
    /// <param name="needed">Each module with the Debian package that ships it.</param>
    public static void Require(params (string Module, string Package)[] needed)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: apt-get install -y python3 {string.Join(' ', needed.Select(n => n.Package))}.");
        var missing = needed.Where(n => Run(["-c", $"import {n.Module}"]).ExitCode != 0).Select(n => n.Package).ToList();
        if (missing.Count > 0)
            Assert.Fail($"{Python} lacks packages the reference needs: apt-get install -y {string.Join(' ', missing)}.");
    }

    /// <summary>Runs python3 with the arguments (a script and its arguments, or -c CODE); fails the test after 5 minutes.</summary>
    public static (int ExitCode, string Output, string Error) Run(string[] arguments)
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
}

using System.Diagnostics;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>Asks dpkg which version of a package is installed, for the record in dataset.json.</summary>
public static class DebianPackages
{
    public static string InstalledVersion(string package)
    {
        var start = new ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", package]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot run dpkg-query.");
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && version.Length > 0
            ? version
            : throw new InvalidOperationException($"dpkg-query does not know the package {package}; install it with: sudo apt-get install -y {package}");
    }
}

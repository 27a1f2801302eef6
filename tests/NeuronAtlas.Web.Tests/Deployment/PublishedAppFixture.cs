using System.Diagnostics;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Deployment;

/// <summary>
/// 'dotnet publish' of the web app once per test class, its folder copied into an empty temporary folder outside the
/// repository, and a test catalog with a models folder as a container would mount them (read-only).
/// </summary>
public sealed class PublishedAppFixture : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("neuronatlas-published-").FullName;

    public string AppFolder { get; }
    public TestCatalog Catalog { get; } = new();
    public string ModelsFolder { get; }

    public PublishedAppFixture()
    {
        var publish = Path.Combine(_root, "publish");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(AtlasPaths.FindRoot(), "src", "NeuronAtlas.Web"), "-c", "Release", "-o", publish })
            psi.ArgumentList.Add(a);
        using (var process = Process.Start(psi)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8))) { process.Kill(true); throw new TimeoutException("dotnet publish took over 8 minutes."); }
            if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{output.Result}\n{errors.Result}");
        }
        AppFolder = Path.Combine(_root, "app");
        CopyFolder(publish, AppFolder);
        Directory.Delete(publish, recursive: true);

        ModelsFolder = Path.Combine(_root, "models");
        var model = Directory.CreateDirectory(Path.Combine(ModelsFolder, TestCatalog.Model)).FullName;
        File.Copy(Path.Combine(AtlasPaths.FindRoot(), "data", "models", TestCatalog.Model, "manifest.json"), Path.Combine(model, "manifest.json"));
        foreach (var file in new[] { Catalog.Path, Path.Combine(model, "manifest.json") })
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    public void Dispose()
    {
        Catalog.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

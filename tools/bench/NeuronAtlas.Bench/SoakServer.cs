using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NeuronAtlas.Bench;

/// <summary>
/// The Release web server the soak runs against: built, started as its own process on 127.0.0.1 at a free port,
/// believing X-Forwarded-For from 127.0.0.1 (so the soak can act as several clients), and stopped at the end.
/// </summary>
internal sealed partial class SoakServer : IAsyncDisposable
{
    private readonly Process _process;

    private SoakServer(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    /// <summary>Resident set size of the server process now, from /proc.</summary>
    public long RssBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:"));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="catalogPath">The catalog the server reads; built by the server on its first start when missing.</param>
    /// <param name="settings">More settings, each "--Section:Key=value".</param>
    public static async Task<SoakServer> StartAsync(string root, string catalogPath, bool build, params string[] settings)
    {
        var project = Path.Combine(root, "src", "NeuronAtlas.Web");
        if (build) await RunToEndAsync("dotnet", $"build -c Release \"{project}\" -v q -nologo", root);
        var dll = Directory.EnumerateFiles(Path.Combine(project, "bin", "Release"), "NeuronAtlas.Web.dll", SearchOption.AllDirectories).Single();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, "--urls", "http://127.0.0.1:0", $"--Atlas:CatalogPath={catalogPath}",
                     "--ForwardedHeaders:KnownProxies:0=127.0.0.1", "--Logging:LogLevel:Default=Warning",
                     "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", ..settings])
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("server: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new SoakServer(process, url);
    }

    /// <summary>Waits until /health says Healthy (the catalog is open), building it first if needed.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await HealthAsync(http) != "Healthy")
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new TimeoutException("The server did not become healthy.");
            await Task.Delay(2000);
        }
    }

    public static async Task<string> HealthAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return $"{await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException e)
        {
            return "unreachable: " + e.Message;
        }
    }

    private static async Task RunToEndAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}

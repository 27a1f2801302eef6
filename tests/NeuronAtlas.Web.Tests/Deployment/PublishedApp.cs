using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuronAtlas.Web.Tests.Deployment;

/// <summary>
/// The published web app run as a container runs it: 'dotnet NeuronAtlas.Web.dll' from its own folder, outside the
/// repository, with configuration only from the environment variables given, on a loopback port the OS picks.
/// </summary>
public sealed partial class PublishedApp : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PublishedApp(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static PublishedApp Start(string appFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(appFolder, "NeuronAtlas.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Only what the test gives: no settings leak in from the environment the tests run in.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_ENVIRONMENT") || k.Contains("__")).ToList())
            psi.Environment.Remove(name);
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        var app = new PublishedApp(Process.Start(psi)!);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The address Kestrel bound, from its "Now listening on" log line.</summary>
    public async Task<Uri> ListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        if (first == _listening.Task) return await _listening.Task;
        throw new InvalidOperationException((first == exited ? $"The app exited with {_process.ExitCode}" : "The app did not start listening") + ":\n" + Output);
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}

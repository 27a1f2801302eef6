using System.Diagnostics;

namespace NeuronAtlas.Precompute.Tests;

/// <summary>Runs the precompute CLI (built beside the tests) as a child process.</summary>
public sealed class PrecomputeProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private PrecomputeProcess(Process process) => _process = process;

    public static PrecomputeProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for the child process (e.g. JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job sets it).</param>
    public static PrecomputeProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = NeuronAtlas.Core.AtlasPaths.FindRoot(),
        };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "precompute.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = new PrecomputeProcess(Process.Start(psi)!);
        p._process.OutputDataReceived += (_, e) => { lock (p._output) p._output.AppendLine(e.Data); };
        p._process.ErrorDataReceived += (_, e) => { lock (p._output) p._output.AppendLine(e.Data); };
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    public static (int ExitCode, string Output) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Start(environment, args);
        if (!p._process.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(); throw new TimeoutException("precompute did not finish in 5 minutes:\n" + p.Output); }
        p._process.WaitForExit();
        return (p._process.ExitCode, p.Output);
    }

    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>SIGKILL on Linux: no chance to clean up, like a power cut.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

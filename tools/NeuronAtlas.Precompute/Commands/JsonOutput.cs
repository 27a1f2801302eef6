using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>What the inspection commands print: one JSON document on stdout, logs on stderr.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static void Write(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>A logger that keeps stdout clean for the JSON.</summary>
    public static ILoggerFactory StandardErrorLogging() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}

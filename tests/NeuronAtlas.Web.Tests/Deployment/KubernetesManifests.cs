using System.Text.Json;
using System.Text.Json.Nodes;
using NeuronAtlas.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace NeuronAtlas.Web.Tests.Deployment;

/// <summary>Every YAML document under deploy/k8s, parsed by YamlDotNet and held as JSON nodes (scalars as strings) to navigate.</summary>
public static class KubernetesManifests
{
    public static string Folder => Path.Combine(AtlasPaths.FindRoot(), "deploy", "k8s");

    public static IReadOnlyList<(string File, JsonObject Document)> All { get; } = Load();

    public static IEnumerable<JsonObject> OfKind(string kind) => All.Select(d => d.Document).Where(d => (string?)d["kind"] == kind);

    public static JsonObject Named(string kind, string name) =>
        OfKind(kind).SingleOrDefault(d => Name(d) == name) ?? throw new KeyNotFoundException($"No {kind} named {name} under deploy/k8s.");

    public static string Name(JsonNode resource) => (string)resource["metadata"]!["name"]!;

    /// <summary>The pod template's spec of a Deployment or Job.</summary>
    public static JsonObject PodSpec(JsonNode workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonNode workload) => PodSpec(workload)["containers"]!.AsArray().Select(c => c!.AsObject());

    /// <summary>The container's command line: command, then args, joined by spaces.</summary>
    public static string CommandLine(JsonObject container) =>
        string.Join(' ', new[] { container["command"], container["args"] }.Where(n => n is not null).SelectMany(n => n!.AsArray()).Select(a => (string)a!));

    private static List<(string, JsonObject)> Load()
    {
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<(string, JsonObject)>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories).Order())
        {
            using var reader = new StringReader(File.ReadAllText(file));
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = deserializer.Deserialize<object>(parser);
                if (document is null) continue;
                documents.Add((Path.GetRelativePath(Folder, file), JsonSerializer.SerializeToNode(document)!.AsObject()));
            }
        }
        return documents;
    }
}

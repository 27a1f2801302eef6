using System.CommandLine;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute build-embedded: the default catalog the web app serves (ResNet18 over the emoji dataset, plus notes).</summary>
internal static class BuildEmbeddedCommand
{
    public static Command Create()
    {
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var maxImages = new Option<int?>("--max-images") { Description = "Use only the first N dataset images (quick trials)." };
        var command = new Command("build-embedded", "Build the embedded default catalog: ResNet18 over data/datasets/emoji, then data/notes.")
        {
            catalog, provider, maxImages,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var log = loggerFactory.CreateLogger("precompute");
            await ConsoleProgress.RunAsync(EmbeddedCatalog.ModelId, async p =>
            {
                await EmbeddedCatalog.BuildAsync(CommonOptions.RepoRoot, parse.GetValue(catalog)!, p, log, ct,
                    new() { ExecutionProvider = parse.GetValue(provider) }, parse.GetValue(maxImages));
                return 0;
            });
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using NeuronAtlas.Clip.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute build-embedded: the default catalog the web app serves (<see cref="EmbeddedCatalog"/>).</summary>
internal static class BuildEmbeddedCommand
{
    public static Command Create()
    {
        var catalog = CommonOptions.Catalog();
        var provider = CommonOptions.Provider();
        var maxImages = new Option<int?>("--max-images") { Description = "Use only the first N dataset images (quick trials)." };
        var command = new Command("build-embedded", "Build the embedded default catalog: the demo CLIP over the emoji pictures and rendered words (with text feature visualization and labels), then ResNet18 over the emoji pictures; notes and shipped feature visualizations for both.")
        {
            catalog, provider, maxImages,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var log = loggerFactory.CreateLogger("precompute");
            await ConsoleProgress.RunAsync("embedded atlas", async p =>
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

using System.CommandLine;
using NeuronAtlas.Clip.TextVis.Storage;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute text-vis-archive: write a finished text-vis run's per-phrase rows to a zip that 'text-vis --archive' takes.</summary>
internal static class TextVisArchiveCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var archive = new Option<string>("--archive") { Description = "The zip file to write.", Required = true };
        var command = new Command("text-vis-archive",
            "Export the per-phrase rows of a model's finished text-vis run, keyed by the run's settings and the model's ONNX files, " +
            "so that 'text-vis --archive' (and the embedded atlas's first start, from data/text-vis/{model}.zip) skips computing them.")
        {
            model, catalog, archive,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var db = CatalogDatabase.OpenForWriting(parse.GetValue(catalog)!);
            int phrases = TextVisArchive.Export(new TextVisStore(db, manifest.Id), manifest, parse.GetValue(archive)!);
            Console.WriteLine($"Exported the text-vis rows of {manifest.Id} ({phrases} phrases) to {parse.GetValue(archive)}.");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute notes: re-import the Markdown notes of a model without recomputing anything else.</summary>
internal static class NotesCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var notes = new Option<string>("--notes") { Description = "The notes folder ({notes}/{model}/{layer}/{neuron}.md).", DefaultValueFactory = _ => Path.Combine(CommonOptions.RepoRoot, "data", "notes") };
        var command = new Command("notes", "Import the Markdown notes of a model into the catalog; a note's 'label:' front matter becomes the neuron's label.")
        {
            model, catalog, notes,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var db = CatalogDatabase.OpenForWriting(parse.GetValue(catalog)!);
            int count = new NotesImporter(db).Import(parse.GetValue(notes)!, manifest.Id);
            Console.WriteLine($"Imported {count} notes for {manifest.Id}.");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using NeuronAtlas.Core.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute feature-vis-archive export|import: move rendered feature visualizations between catalogs.</summary>
internal static class FeatureVisArchiveCommand
{
    public static Command Create()
    {
        var command = new Command("feature-vis-archive",
            "Export a model's feature visualizations from a catalog to a zip (featurevis.csv + PNGs), or import such a zip. " +
            "The embedded catalog imports data/featurevis/resnet18.zip this way.");
        command.Subcommands.Add(Sub("export", "Write the model's visualizations to --archive.", (db, model, archive) =>
            Console.WriteLine($"Exported {FeatureVisArchive.Export(db, model, archive)} visualizations of {model} to {archive}.")));
        command.Subcommands.Add(Sub("import", "Add the visualizations in --archive to the catalog (the dataset pass must have created the neurons).", (db, model, archive) =>
            Console.WriteLine($"Imported {FeatureVisArchive.Import(db, model, archive)} visualizations of {model} from {archive}.")));
        return command;
    }

    private static Command Sub(string name, string description, Action<AtlasDbContext, string, string> action)
    {
        var model = CommonOptions.Model();
        var catalog = CommonOptions.Catalog();
        var archive = new Option<string>("--archive") { Description = "The zip file.", Required = true };
        var command = new Command(name, description) { model, catalog, archive };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var db = CatalogDatabase.OpenForWriting(parse.GetValue(catalog)!);
            action(db, manifest.Id, parse.GetValue(archive)!);
            return 0;
        });
        return command;
    }
}

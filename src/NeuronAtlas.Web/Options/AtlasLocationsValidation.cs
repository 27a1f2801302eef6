using Microsoft.Extensions.Options;

namespace NeuronAtlas.Web.Options;

/// <summary>
/// Checks at startup that every configured data location exists, so a wrong mount or path stops the app with one
/// message naming the setting, instead of failing later on some page.
/// </summary>
internal sealed class AtlasLocationsValidation(IHostEnvironment environment) : IValidateOptions<AtlasOptions>
{
    public ValidateOptionsResult Validate(string? name, AtlasOptions options)
    {
        var root = environment.ContentRootPath;
        var dataRoot = options.DataRootFullPath(root);
        if (!Directory.Exists(dataRoot))
            return ValidateOptionsResult.Fail($"Atlas:DataRoot: the folder {dataRoot} does not exist.");
        var problems = new List<string>();
        var catalog = options.CatalogFullPath(root);
        if (Directory.Exists(catalog))
            problems.Add($"Atlas:CatalogPath: {catalog} is a folder; give the catalog file (e.g. atlas.db).");
        else if (!File.Exists(catalog) && !options.BuildCatalogOnStart)
            problems.Add($"Atlas:CatalogPath: no catalog at {catalog}, and Atlas:BuildCatalogOnStart is false. Point it at a catalog built by 'precompute'.");
        RequireFolder(problems, "Atlas:ModelsDirectory", options.ModelsFullPath(root));
        RequireFolder(problems, "Atlas:FontsDirectory", options.FontsFullPath(root));
        RequireFolder(problems, "Atlas:LabelsDirectory", options.LabelsFullPath(root));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void RequireFolder(List<string> problems, string setting, string path)
    {
        if (!Directory.Exists(path)) problems.Add($"{setting}: the folder {path} does not exist.");
    }
}

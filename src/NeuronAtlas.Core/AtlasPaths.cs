namespace NeuronAtlas.Core;

/// <summary>Finds the repository root (the folder holding NeuronAtlas.sln), where data/, wwwroot/ and appsettings.json live.</summary>
public static class AtlasPaths
{
    public const string SolutionFile = "NeuronAtlas.sln";

    /// <summary>The repo root above the current directory or the app's base directory; the base directory itself when neither is inside a checkout (a published app).</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}

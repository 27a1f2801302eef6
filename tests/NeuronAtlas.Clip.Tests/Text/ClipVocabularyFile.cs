using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>The repository's copy of CLIP's bpe_simple_vocab_16e6.txt.gz (data/clip), which every test uses.</summary>
internal static class ClipVocabularyFile
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Locate()
    {
        string shipped = ClipTokenizer.ShippedVocabularyPath(RepositoryRoot);
        if (!File.Exists(shipped))
            throw new FileNotFoundException($"CLIP's BPE vocabulary is missing from the repository: {shipped} (restore it with git).", shipped);
        return shipped;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeuronAtlas.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds NeuronAtlas.sln.");
    }
}

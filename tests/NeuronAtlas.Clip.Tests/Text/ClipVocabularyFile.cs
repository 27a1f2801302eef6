namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>
/// Finds CLIP's bpe_simple_vocab_16e6.txt.gz for tests: $NEURONATLAS_CLIP_VOCAB, else
/// ../shared/clip/bpe_simple_vocab_16e6.txt.gz next to the repository root. The file is never committed.
/// </summary>
internal static class ClipVocabularyFile
{
    public const string EnvironmentVariable = "NEURONATLAS_CLIP_VOCAB";
    private const string FileName = "bpe_simple_vocab_16e6.txt.gz";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            if (!File.Exists(configured))
            {
                throw new FileNotFoundException($"{EnvironmentVariable} points to {configured}, which does not exist.", configured);
            }
            return configured;
        }
        string beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "clip", FileName));
        if (!File.Exists(beside))
        {
            throw new FileNotFoundException(
                $"CLIP's BPE vocabulary is missing. Put {FileName} (from the openai/CLIP repository, clip/{FileName}) at " +
                $"{beside}, or set {EnvironmentVariable} to its path.", beside);
        }
        return beside;
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

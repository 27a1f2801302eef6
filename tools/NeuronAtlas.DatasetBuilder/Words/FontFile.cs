namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>A font file that words are rendered in: where Debian installs it, the package that does, and its licence.</summary>
public sealed record FontFile(string Package, string RelativePath, string Licence)
{
    /// <summary>The file name without extension, e.g. "FreeSerif": the word dataset's style is "word-" + this.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(RelativePath);

    public string Style => "word-" + Stem;
}

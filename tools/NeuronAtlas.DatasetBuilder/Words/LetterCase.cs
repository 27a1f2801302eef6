namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>The four letter cases a training word is written in.</summary>
public enum LetterCase
{
    /// <summary>"hot dog"</summary>
    Lower,
    /// <summary>"HOT DOG"</summary>
    Upper,
    /// <summary>"Hot Dog"</summary>
    Title,
    /// <summary>"Hot dog"</summary>
    Sentence,
}

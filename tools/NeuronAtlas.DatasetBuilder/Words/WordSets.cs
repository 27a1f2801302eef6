namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>Which word datasets the `words` command builds.</summary>
[Flags]
public enum WordSets
{
    /// <summary>data/datasets/emoji-words: every concept in the held-out fonts (shipped).</summary>
    Evaluation = 1,
    /// <summary>data/cache/demo-clip/words-train: trained concepts in the training fonts (rebuilt, not shipped).</summary>
    Training = 2,
    Both = Evaluation | Training,
}

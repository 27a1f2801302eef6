namespace NeuronAtlas.DatasetBuilder.DemoConcepts;

/// <summary>Where the concept list is chosen from and written to.</summary>
public sealed record ConceptListOptions
{
    /// <summary>The built emoji dataset whose concepts.csv is read. Defaults to data/datasets/emoji.</summary>
    public string EmojiDataset { get; init; } = Path.Combine("data", "datasets", "emoji");

    /// <summary>The model folder that receives concepts.txt and unseen-words.txt. Defaults to data/models/demo-clip.</summary>
    public string ModelDirectory { get; init; } = Path.Combine("data", "models", "demo-clip");

    /// <summary>How many concepts to choose. Defaults to <see cref="DemoConceptSelector.DefaultCount"/>.</summary>
    public int Count { get; init; } = DemoConceptSelector.DefaultCount;
}

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>What the `words` command builds from and where it writes.</summary>
public sealed record WordsOptions
{
    /// <summary>The emoji dataset whose concepts.csv gives each label's concept id. Defaults to data/datasets/emoji.</summary>
    public string EmojiDataset { get; init; } = Path.Combine("data", "datasets", "emoji");

    /// <summary>The folder holding concepts.txt and unseen-words.txt. Defaults to data/models/demo-clip.</summary>
    public string ModelDirectory { get; init; } = Path.Combine("data", "models", "demo-clip");

    /// <summary>Where the held-out font files are. Defaults to data/fonts/held-out.</summary>
    public string HeldOutFontDirectory { get; init; } = HeldOutFonts.DefaultDirectory;

    /// <summary>Where Debian installs fonts. Defaults to /usr/share/fonts.</summary>
    public string TrainingFontRoot { get; init; } = TrainingFonts.DefaultRoot;

    /// <summary>The shipped evaluation words (held-out fonts). Defaults to data/datasets/emoji-words.</summary>
    public string EvaluationOutput { get; init; } = Path.Combine("data", "datasets", "emoji-words");

    /// <summary>The training words (training fonts; not shipped). Defaults to data/cache/demo-clip/words-train.</summary>
    public string TrainingOutput { get; init; } = Path.Combine("data", "cache", "demo-clip", "words-train");

    /// <summary>Seed of the training renders. Defaults to 8.</summary>
    public int Seed { get; init; } = 8;

    /// <summary>Side of the square images. Defaults to 128, as the emoji dataset.</summary>
    public int Size { get; init; } = 128;

    /// <summary>JPEG quality. Defaults to 88, as the emoji dataset.</summary>
    public int JpegQuality { get; init; } = 88;

    /// <summary>Which sets to build. Defaults to both.</summary>
    public WordSets Sets { get; init; } = WordSets.Both;
}

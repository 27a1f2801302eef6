using NeuronAtlas.Core;
using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Tests.Words;

/// <summary>
/// A temporary folder holding a hand-built emoji concepts table, a concept list with one unseen word, and a stand-in
/// training font root whose files are links to the shipped held-out fonts (so the training build runs without the
/// Debian font packages).
/// </summary>
public sealed class WordDatasetFixture : IDisposable
{
    public static string RepoRoot { get; } = AtlasPaths.FindRoot();
    public static string HeldOutFontDirectory { get; } = Path.Combine(RepoRoot, HeldOutFonts.DefaultDirectory);

    public string Root { get; } = Directory.CreateTempSubdirectory("word-dataset-").FullName;
    public string EmojiDataset => Path.Combine(Root, "emoji");
    public string ModelDirectory => Path.Combine(Root, "model");
    public string FontRoot => Path.Combine(Root, "fonts");

    public static readonly string[] Concepts = ["hot dog", "spider", "taco"];
    public const string UnseenConcept = "spider";

    public WordDatasetFixture()
    {
        Directory.CreateDirectory(EmojiDataset);
        File.WriteAllText(Path.Combine(EmojiDataset, "concepts.csv"),
            "concept,label,emoji,group,subgroup,keywords,styles\n" +
            "1f32d,hot dog,x,Food & Drink,food-prepared,dog | hot,noto twemoji openmoji-color openmoji-line\n" +
            "1f32e,taco,x,Food & Drink,food-prepared,taco,noto twemoji openmoji-color openmoji-line\n" +
            "1f415,dog,x,Animals & Nature,animal-mammal,dog,noto twemoji openmoji-color openmoji-line\n" +
            "1f577,spider,x,Animals & Nature,animal-bug,spider,noto twemoji openmoji-color openmoji-line\n" +
            "1f436,dog face,x,Animals & Nature,animal-mammal,dog,noto twemoji openmoji-color openmoji-line\n");
        Directory.CreateDirectory(ModelDirectory);
        File.WriteAllText(Path.Combine(ModelDirectory, "concepts.txt"), string.Concat(Concepts.Select(c => c + "\n")));
        File.WriteAllText(Path.Combine(ModelDirectory, "unseen-words.txt"), UnseenConcept + "\n");

        var heldOut = HeldOutFonts.Resolve(HeldOutFontDirectory);
        for (int i = 0; i < TrainingFonts.All.Count; i++)
        {
            var link = Path.Combine(FontRoot, TrainingFonts.All[i].RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, heldOut[i % heldOut.Count]);
        }
    }

    public WordsOptions Options(string output) => new()
    {
        EmojiDataset = EmojiDataset,
        ModelDirectory = ModelDirectory,
        HeldOutFontDirectory = HeldOutFontDirectory,
        TrainingFontRoot = FontRoot,
        EvaluationOutput = Path.Combine(Root, output, "eval"),
        TrainingOutput = Path.Combine(Root, output, "train"),
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

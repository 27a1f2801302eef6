using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>One tokenizer on the real vocabulary for all tests; loading it takes a moment.</summary>
internal static class SharedClipTokenizer
{
    private static readonly Lazy<ClipTokenizer> Loaded = new(() => ClipTokenizer.FromVocabularyFile(ClipVocabularyFile.Locate()));

    public static ClipTokenizer Instance => Loaded.Value;
}

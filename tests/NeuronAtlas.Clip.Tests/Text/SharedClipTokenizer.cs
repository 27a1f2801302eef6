using NeuronAtlas.Core.Text;

namespace NeuronAtlas.Core.Tests.Text;

/// <summary>One tokenizer on the real vocabulary for all tests; loading it takes a moment.</summary>
internal static class SharedClipTokenizer
{
    private static readonly Lazy<ClipTokenizer> Loaded = new(() => ClipTokenizer.FromVocabularyFile(ClipVocabularyFile.Locate()));

    public static ClipTokenizer Instance => Loaded.Value;
}

using System.IO.Compression;
using System.Text;
using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

public class ClipTokenizerTests
{
    private static ClipTokenizer Tokenizer => SharedClipTokenizer.Instance;

    [Fact]
    public void Tokenize_wraps_ids_in_start_and_end_tokens_and_pads_with_zero()
    {
        int[] ids = Tokenizer.Tokenize("a photo of a cat");

        Assert.Equal(77, ids.Length);
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407], ids[..7]);
        Assert.All(ids[7..], id => Assert.Equal(0, id));
    }

    [Fact]
    public void Tokenize_of_empty_text_is_start_then_end()
    {
        int[] ids = Tokenizer.Tokenize("", contextLength: 4);

        Assert.Equal([49406, 49407, 0, 0], ids);
    }

    [Fact]
    public void Tokenize_keeps_a_text_that_exactly_fills_the_context()
    {
        string caption = string.Concat(Enumerable.Repeat("cat ", 75));

        int[] ids = Tokenizer.Tokenize(caption, truncate: false);

        Assert.Equal(49406, ids[0]);
        Assert.All(ids[1..76], id => Assert.Equal(2368, id));
        Assert.Equal(49407, ids[76]);
    }

    [Fact]
    public void Tokenize_without_truncation_rejects_a_text_one_token_too_long()
    {
        string caption = string.Concat(Enumerable.Repeat("cat ", 76));

        var error = Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize(caption, truncate: false));

        Assert.Contains("78 tokens", error.Message);
        Assert.Contains("context length 77", error.Message);
    }

    [Fact]
    public void Tokenize_with_truncation_ends_with_the_end_token()
    {
        int[] ids = Tokenizer.Tokenize(string.Concat(Enumerable.Repeat("cat ", 200)), contextLength: 10);

        Assert.Equal([49406, 2368, 2368, 2368, 2368, 2368, 2368, 2368, 2368, 49407], ids);
    }

    [Fact]
    public void Special_tokens_in_the_text_become_their_ids_even_upper_case()
    {
        Assert.Equal([49406, 3306, 49407], Tokenizer.Encode("<|STARTOFTEXT|>Hello<|endoftext|>"));
    }

    [Fact]
    public void Decode_joins_words_with_spaces_where_the_end_of_word_marker_was()
    {
        string text = Tokenizer.Decode(Tokenizer.Tokenize("A photo of a CAT!", contextLength: 9));

        Assert.Equal("<|startoftext|>a photo of a cat ! <|endoftext|>!", text);
    }

    [Fact]
    public void Decode_replaces_a_cut_utf8_sequence_with_the_replacement_character()
    {
        // "𝐇" is four UTF-8 bytes; its first token holds only three of them.
        IReadOnlyList<int> ids = Tokenizer.Encode("𝐇");

        Assert.Equal([15889, 485], ids);
        Assert.Equal("𝐇 ", Tokenizer.Decode(ids));
        Assert.Equal("\uFFFD", Tokenizer.Decode([15889]));
    }

    [Fact]
    public void Decode_rejects_ids_outside_the_vocabulary()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([ClipTokenizer.VocabularySize]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([-1]));
    }

    [Fact]
    public void Concurrent_encoding_gives_the_same_ids_as_sequential_encoding()
    {
        var texts = new RandomCaptionGenerator(seed: 99).Next(400);
        var tokenizer = ClipTokenizer.FromVocabularyFile(ClipVocabularyFile.Locate());
        var sequential = texts.Select(text => SharedClipTokenizer.Instance.Encode(text).ToArray()).ToArray();

        var concurrent = new int[texts.Count][];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => concurrent[i % texts.Count] = tokenizer.Encode(texts[i % texts.Count]).ToArray());

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void FromVocabularyFile_names_a_missing_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromVocabularyFile("/nonexistent/bpe.txt.gz"));

        Assert.Contains("/nonexistent/bpe.txt.gz", error.Message);
    }

    [Fact]
    public void A_truncated_merge_list_is_rejected()
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("#version: 0.2\ni n\nt h\n"));
        }
        stream.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromVocabularyStream(stream));

        Assert.Contains("48894", error.Message);
    }
}

using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// OpenAI CLIP's text tokenizer (clip/simple_tokenizer.py and clip.tokenize): text clean-up
/// (<see cref="ClipTextCleaner"/>), CLIP's pre-tokenization pattern, then byte-level BPE with a
/// "&lt;/w&gt;" end-of-word marker over the 49,408-token vocabulary of bpe_simple_vocab_16e6.txt.gz.
/// Immutable apart from its word cache; one instance can serve many threads.
/// </summary>
public sealed class ClipTokenizer
{
    public const int StartOfTextId = 49406;
    public const int EndOfTextId = 49407;
    public const int VocabularySize = 49408;
    public const int DefaultContextLength = 77;

    private readonly ClipVocabulary _vocabulary;
    private readonly BytePairEncoder _encoder;

    private ClipTokenizer(ClipVocabulary vocabulary)
    {
        if (vocabulary.Count != VocabularySize || vocabulary.StartOfTextId != StartOfTextId || vocabulary.EndOfTextId != EndOfTextId)
        {
            throw new InvalidDataException(
                $"The BPE file gives {vocabulary.Count} tokens with start/end ids {vocabulary.StartOfTextId}/{vocabulary.EndOfTextId}; " +
                $"CLIP expects {VocabularySize} tokens with {StartOfTextId}/{EndOfTextId}.");
        }
        _vocabulary = vocabulary;
        _encoder = new BytePairEncoder(vocabulary);
    }

    /// <summary>data/clip/bpe_simple_vocab_16e6.txt.gz, the copy of openai/CLIP's vocabulary the repository ships (MIT).</summary>
    public static string ShippedVocabularyPath(string repoRoot) => Path.Combine(repoRoot, "data", "clip", "bpe_simple_vocab_16e6.txt.gz");

    /// <summary>Loads bpe_simple_vocab_16e6.txt.gz (gzip text: a header line, then one "left right" merge per line).</summary>
    public static ClipTokenizer FromVocabularyFile(string pathToBpeGz)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathToBpeGz);
        if (!File.Exists(pathToBpeGz))
        {
            throw new FileNotFoundException($"CLIP BPE vocabulary not found: {pathToBpeGz}", pathToBpeGz);
        }
        using var stream = File.OpenRead(pathToBpeGz);
        return FromVocabularyStream(stream);
    }

    /// <summary>Loads the gzip-compressed BPE vocabulary from a stream, which stays open.</summary>
    public static ClipTokenizer FromVocabularyStream(Stream gzipStream)
    {
        ArgumentNullException.ThrowIfNull(gzipStream);
        return new ClipTokenizer(ClipVocabulary.Load(gzipStream));
    }

    /// <summary>BPE token ids of the text, without the start and end tokens (SimpleTokenizer.encode).</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        foreach (string piece in ClipPreTokenizer.Split(ClipTextCleaner.Clean(text)))
        {
            switch (piece)
            {
                case ClipVocabulary.StartOfText:
                    ids.Add(StartOfTextId);
                    break;
                case ClipVocabulary.EndOfText:
                    ids.Add(EndOfTextId);
                    break;
                default:
                    ids.AddRange(_encoder.Encode(piece));
                    break;
            }
        }
        return ids;
    }

    /// <summary>
    /// clip.tokenize for one text: start token, BPE ids, end token, zero-padded to
    /// <paramref name="contextLength"/>. Too long a text is cut to the context length with the end
    /// token kept as the last id when <paramref name="truncate"/> is true, and rejected otherwise.
    /// </summary>
    public int[] Tokenize(string text, int contextLength = DefaultContextLength, bool truncate = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        IReadOnlyList<int> encoded = Encode(text);
        int length = encoded.Count + 2;
        if (length > contextLength && !truncate)
        {
            throw new ArgumentException(
                $"The text needs {length} tokens (with start and end tokens), more than the context length {contextLength}; " +
                "pass truncate: true to cut it.", nameof(text));
        }
        var ids = new int[contextLength];
        ids[0] = StartOfTextId;
        int copied = Math.Min(encoded.Count, contextLength - 1);
        for (int i = 0; i < copied; i++)
        {
            ids[i + 1] = encoded[i];
        }
        ids[Math.Min(length, contextLength) - 1] = EndOfTextId;
        return ids;
    }

    /// <summary>
    /// Text of the ids (SimpleTokenizer.decode): token bytes joined and read as UTF-8 with invalid
    /// sequences replaced by U+FFFD, then every "&lt;/w&gt;" turned into a space. Padding id 0 decodes as "!".
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (id < 0 || id >= _vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token ids run from 0 to {_vocabulary.Count - 1}.");
            }
            foreach (byte value in _vocabulary.BytesOf(id))
            {
                bytes.Add(value);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray()).Replace("</w>", " ");
    }
}

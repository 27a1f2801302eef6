using System.IO.Compression;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// CLIP's 49,408-token vocabulary and BPE merge table, built from bpe_simple_vocab_16e6.txt.gz
/// the way openai/CLIP's SimpleTokenizer builds it.
/// </summary>
internal sealed class ClipVocabulary
{
    public const int MergeCount = 49152 - 256 - 2;
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    private const string EndOfWord = "</w>";

    private readonly Dictionary<long, (int Rank, int MergedId)> _merges;
    private readonly byte[][] _tokenBytes;

    private ClipVocabulary(
        Dictionary<long, (int Rank, int MergedId)> merges, byte[][] tokenBytes,
        int[] byteIds, int[] wordEndByteIds, int startOfTextId, int endOfTextId)
    {
        _merges = merges;
        _tokenBytes = tokenBytes;
        ByteIds = byteIds;
        WordEndByteIds = wordEndByteIds;
        StartOfTextId = startOfTextId;
        EndOfTextId = endOfTextId;
    }

    public int Count => _tokenBytes.Length;
    public int StartOfTextId { get; }
    public int EndOfTextId { get; }

    /// <summary>Id of each byte value as a symbol inside a word.</summary>
    public int[] ByteIds { get; }

    /// <summary>Id of each byte value as the last symbol of a word (with "&lt;/w&gt;").</summary>
    public int[] WordEndByteIds { get; }

    public bool TryGetMerge(int left, int right, out int rank, out int mergedId)
    {
        if (_merges.TryGetValue(PairKey(left, right), out var merge))
        {
            (rank, mergedId) = merge;
            return true;
        }
        (rank, mergedId) = (0, 0);
        return false;
    }

    /// <summary>The raw bytes a token stands for; "&lt;/w&gt;" is kept as its four ASCII bytes.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _tokenBytes[id];

    public static ClipVocabulary Load(Stream gzipStream)
    {
        using var gzip = new GZipStream(gzipStream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string[] lines = reader.ReadToEnd().Split('\n');
        if (lines.Length < MergeCount + 1)
        {
            throw new InvalidDataException(
                $"The BPE vocabulary has {Math.Max(0, lines.Length - 1)} merge lines; CLIP needs {MergeCount} after the header line.");
        }

        var tokens = new List<string>(2 * 256 + MergeCount + 2);
        foreach (byte value in ByteLevelAlphabet.BytesInVocabularyOrder)
        {
            tokens.Add(ByteLevelAlphabet.CharacterOfByte[value].ToString());
        }
        for (int i = 0; i < 256; i++)
        {
            tokens.Add(tokens[i] + EndOfWord);
        }
        var mergePairs = new (string Left, string Right)[MergeCount];
        for (int rank = 0; rank < MergeCount; rank++)
        {
            string[] parts = lines[rank + 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"BPE merge line {rank + 2} should hold two symbols: '{lines[rank + 1]}'.");
            }
            mergePairs[rank] = (parts[0], parts[1]);
            tokens.Add(parts[0] + parts[1]);
        }
        tokens.Add(StartOfText);
        tokens.Add(EndOfText);

        // Later duplicates win, as in Python's dict(zip(vocab, range(len(vocab)))).
        var idOf = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Count; id++)
        {
            idOf[tokens[id]] = id;
        }

        var merges = new Dictionary<long, (int, int)>(MergeCount);
        for (int rank = 0; rank < MergeCount; rank++)
        {
            var (left, right) = mergePairs[rank];
            if (!idOf.TryGetValue(left, out int leftId) || !idOf.TryGetValue(right, out int rightId))
            {
                throw new InvalidDataException($"BPE merge '{left} {right}' uses a symbol that is not in the vocabulary.");
            }
            merges[PairKey(leftId, rightId)] = (rank, idOf[left + right]);
        }

        var byteIds = new int[256];
        var wordEndByteIds = new int[256];
        for (int value = 0; value < 256; value++)
        {
            string symbol = ByteLevelAlphabet.CharacterOfByte[value].ToString();
            byteIds[value] = idOf[symbol];
            wordEndByteIds[value] = idOf[symbol + EndOfWord];
        }

        var tokenBytes = tokens.Select(ToRawBytes).ToArray();
        return new ClipVocabulary(merges, tokenBytes, byteIds, wordEndByteIds, idOf[StartOfText], idOf[EndOfText]);
    }

    private static byte[] ToRawBytes(string token)
    {
        var bytes = new byte[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            if (!ByteOfCharacter.TryGetValue(token[i], out bytes[i]))
            {
                throw new InvalidDataException($"BPE token '{token}' holds U+{(int)token[i]:X4}, which is not a byte-level character.");
            }
        }
        return bytes;
    }

    private static readonly Dictionary<char, byte> ByteOfCharacter =
        Enumerable.Range(0, 256).ToDictionary(value => ByteLevelAlphabet.CharacterOfByte[value], value => (byte)value);

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;
}

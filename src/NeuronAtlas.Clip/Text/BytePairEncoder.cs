using System.Collections.Concurrent;
using System.Text;

namespace NeuronAtlas.Clip.Text;

/// <summary>
/// Byte-level BPE over token ids: the bytes of a pre-token become symbols (the last one with
/// "&lt;/w&gt;"), then the adjacent pair with the lowest merge rank is merged everywhere, left to
/// right, until no pair has a rank. Results are cached per pre-token; safe to share between threads.
/// </summary>
internal sealed class BytePairEncoder
{
    /// <summary>The cache stops growing here so that unbounded streams of distinct words cannot exhaust memory.</summary>
    private const int MaxCachedWords = 200_000;

    private readonly ClipVocabulary _vocabulary;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cachedWords;

    public BytePairEncoder(ClipVocabulary vocabulary) => _vocabulary = vocabulary;

    public int[] Encode(string preToken)
    {
        if (_cache.TryGetValue(preToken, out var cached))
        {
            return cached;
        }
        int[] ids = Merge(Encoding.UTF8.GetBytes(preToken));
        if (Volatile.Read(ref _cachedWords) < MaxCachedWords && _cache.TryAdd(preToken, ids))
        {
            Interlocked.Increment(ref _cachedWords);
        }
        return ids;
    }

    private int[] Merge(byte[] bytes)
    {
        var word = new int[bytes.Length];
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            word[i] = _vocabulary.ByteIds[bytes[i]];
        }
        word[^1] = _vocabulary.WordEndByteIds[bytes[^1]];

        int length = word.Length;
        while (length > 1)
        {
            int bestRank = int.MaxValue, left = 0, right = 0, merged = 0;
            for (int i = 0; i < length - 1; i++)
            {
                if (_vocabulary.TryGetMerge(word[i], word[i + 1], out int rank, out int mergedId) && rank < bestRank)
                {
                    (bestRank, left, right, merged) = (rank, word[i], word[i + 1], mergedId);
                }
            }
            if (bestRank == int.MaxValue)
            {
                break;
            }
            int write = 0;
            for (int read = 0; read < length; read++)
            {
                if (read < length - 1 && word[read] == left && word[read + 1] == right)
                {
                    word[write++] = merged;
                    read++;
                }
                else
                {
                    word[write++] = word[read];
                }
            }
            length = write;
        }
        return word.AsSpan(0, length).ToArray();
    }
}

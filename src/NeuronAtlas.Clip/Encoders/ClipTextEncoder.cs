using Microsoft.Extensions.Logging;
using NeuronAtlas.Core.Caching;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Encoders;

/// <summary>
/// CLIP's text tower: the tokenizer plus text.onnx. Gives raw embeddings (the graph's output) and unit-length ones.
/// Thread-safe: the tokenizer and the ONNX Runtime session allow concurrent calls, and the embedding cache is locked.
/// The cache is least-recently-used, so texts that visitors send once cannot crowd out the ones in regular use.
/// </summary>
public sealed class ClipTextEncoder : IDisposable
{
    /// <summary>Raw embeddings kept in memory by default (50,000 × 640 floats is 128 MB for RN50x4).</summary>
    public const int DefaultCachedTexts = 50_000;
    private readonly InferenceSession _session;
    private readonly TextEncoderManifest _spec;
    private readonly LruCache<string, float[]> _rawCache;

    public ModelManifest Manifest { get; }
    public ClipTokenizer Tokenizer { get; }
    public int Dimensions { get; }
    public int ContextLength => _spec.ContextLength;
    /// <summary>Texts per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 32;

    private ClipTextEncoder(ModelManifest manifest, TextEncoderManifest spec, ClipTokenizer tokenizer, InferenceSession session, int dimensions,
        int cachedTexts)
    {
        _rawCache = new LruCache<string, float[]>(cachedTexts, StringComparer.Ordinal);
        Manifest = manifest;
        _spec = spec;
        Tokenizer = tokenizer;
        _session = session;
        Dimensions = dimensions;
    }

    /// <param name="cachedTexts">Most raw embeddings kept in the least-recently-used cache.</param>
    public static ClipTextEncoder Load(ModelManifest manifest, InferenceOptions options, ILogger? logger = null, int cachedTexts = DefaultCachedTexts)
    {
        var spec = manifest.TextEncoder
            ?? throw new InvalidOperationException($"Model '{manifest.Id}' has no text encoder (its manifest's \"textEncoder\" is null).");
        var embedding = manifest.Embedding
            ?? throw new InvalidOperationException($"Model '{manifest.Id}' has a text encoder but no \"embedding\" in its manifest.");
        var tokenizer = ClipTokenizer.FromVocabularyFile(ModelManifestLoader.ResolveFile(manifest, spec.Vocabulary));
        var session = OnnxSessionFactory.Create(File.ReadAllBytes(ModelManifestLoader.ResolveFile(manifest, spec.Onnx)), options, logger);
        return new ClipTextEncoder(manifest, spec, tokenizer, session, embedding.Dimensions, cachedTexts);
    }

    /// <summary>Start token, BPE ids, end token, zero padding: one row of the graph's input. Long texts are truncated.</summary>
    public int[] Tokenize(string text) => Tokenizer.Tokenize(text, ContextLength);

    /// <summary>Texts whose raw embeddings the cache holds now; at most the capacity given to <see cref="Load"/>.</summary>
    public int CachedTexts => _rawCache.Count;

    /// <summary>The text graph's output for each text, as it is (not normalized).</summary>
    public float[][] EmbedRaw(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (int i = 0; i < texts.Count; i++)
        {
            if (_rawCache.TryGet(texts[i], out var cached)) result[i] = cached;
            else missing.Add(i);
        }
        for (int start = 0; start < missing.Count; start += BatchSize)
        {
            var chunk = missing.Skip(start).Take(BatchSize).ToList();
            var rows = EmbedTokens(chunk.Select(i => Tokenize(texts[i])).ToList());
            for (int j = 0; j < chunk.Count; j++)
            {
                result[chunk[j]] = rows[j];
                _rawCache.Set(texts[chunk[j]], rows[j]);
            }
        }
        // Callers may modify what they get; the cache keeps its own copies.
        return result.Select(r => (float[])r.Clone()).ToArray();
    }

    /// <summary>Unit-length text embeddings: the raw ones divided by their norm, as CLIP compares them.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var rows = EmbedRaw(texts);
        foreach (var row in rows) EmbeddingVectors.Normalize(row);
        return rows;
    }

    public float[] Embed(string text) => Embed([text])[0];

    /// <summary>
    /// The unit-length text embedding in the space of the manifest's image <c>embedding</c> tensor: the direction a
    /// "text:..." feature-visualization objective aims the image embedding at (maximize cosine(image embedding, this)).
    /// </summary>
    public float[] EmbeddingDirection(string text) => Embed(text);

    /// <summary>Runs the graph on token rows (each <see cref="ContextLength"/> ids) in one call; returns raw embeddings.</summary>
    public float[][] EmbedTokens(IReadOnlyList<int[]> tokenRows)
    {
        if (tokenRows.Count == 0) return [];
        var ids = new long[tokenRows.Count * ContextLength];
        for (int r = 0; r < tokenRows.Count; r++)
        {
            if (tokenRows[r].Length != ContextLength)
                throw new ArgumentException($"Token row {r} holds {tokenRows[r].Length} ids; the text encoder takes {ContextLength}.");
            for (int t = 0; t < ContextLength; t++) ids[r * ContextLength + t] = tokenRows[r][t];
        }
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [tokenRows.Count, ContextLength]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_spec.InputName], [input], [_spec.OutputName]);
        var data = outputs[0].GetTensorDataAsSpan<float>();
        if (data.Length != tokenRows.Count * Dimensions)
            throw new InvalidDataException($"text.onnx gave {data.Length} values for {tokenRows.Count} texts; the manifest says {Dimensions} dimensions.");
        var rows = new float[tokenRows.Count][];
        for (int r = 0; r < rows.Length; r++) rows[r] = data.Slice(r * Dimensions, Dimensions).ToArray();
        return rows;
    }

    public void Dispose() => _session.Dispose();
}

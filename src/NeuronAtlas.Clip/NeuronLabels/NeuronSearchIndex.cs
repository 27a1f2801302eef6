using Microsoft.EntityFrameworkCore;
using NeuronAtlas.Core.Catalog;
using NeuronAtlas.Clip.TextVis.Storage;
using NeuronAtlas.Clip.Encoders;

namespace NeuronAtlas.Clip.NeuronLabels;

/// <summary>
/// Finds the neurons of one model that match a text query. For neuron n with label L (from a note or automatic) and
/// top text-vis phrases p_0..p_{k-1} (best first), and the query's unit CLIP text embedding q:
/// <list type="bullet">
/// <item>label part: cos(q, t(L));</item>
/// <item>phrase part: cos(q, u), u = unit(sum_j (k - j) t(p_j)), the rank-weighted mean of the phrases' embeddings;</item>
/// <item>Semantic = the mean of the parts the neuron has (0 when it has neither, or the model has no text encoder);</item>
/// <item>Lexical = 2 when L equals the query (case-insensitive), else 1 when one holds the other as whole words;
/// plus 0.5 when some p_j equals the query;</item>
/// <item>Score = Semantic + Lexical.</item>
/// </list>
/// An exact label match (label part 1, so Score near 3) therefore ranks above every neuron without a text match (Score at most 1). Embeddings are computed once, at build
/// time (phrase embeddings come from the text-vis run when stored), so a query costs one text-encoder call and two dot
/// products per neuron. Thread-safe once built.
/// </summary>
public sealed class NeuronSearchIndex
{
    private readonly IndexedNeuron[] _neurons;
    private readonly float[]? _labelVectors;
    private readonly float[]? _phraseVectors;
    private readonly int _dimensions;
    private readonly ClipTextEncoder? _text;

    public string ModelId { get; }
    public int NeuronCount => _neurons.Length;

    private sealed record IndexedNeuron(string LayerId, int LayerOrder, int Index, string? Label, string? LabelSource, string[] Phrases);

    private NeuronSearchIndex(string modelId, IndexedNeuron[] neurons, ClipTextEncoder? text, float[]? labelVectors, float[]? phraseVectors, int dimensions)
    {
        ModelId = modelId;
        _neurons = neurons;
        _text = text;
        _labelVectors = labelVectors;
        _phraseVectors = phraseVectors;
        _dimensions = dimensions;
    }

    /// <param name="text">The model's text encoder; without it only lexical matches count.</param>
    public static NeuronSearchIndex Build(AtlasDbContext db, string modelId, ClipTextEncoder? text)
    {
        var phrases = db.TextExamples.AsNoTracking().Where(t => t.Neuron!.Layer!.ModelId == modelId)
            .Select(t => new { t.NeuronId, t.Rank, t.Text }).ToList()
            .GroupBy(t => t.NeuronId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Rank).Select(t => t.Text).ToArray());
        var neurons = db.Neurons.AsNoTracking().Where(n => n.Layer!.ModelId == modelId)
            .Select(n => new { n.Id, n.Index, n.Label, n.LabelSource, n.Layer!.LayerId, n.Layer.Order }).ToList()
            .OrderBy(n => n.Order).ThenBy(n => n.Index)
            .Select(n => new IndexedNeuron(n.LayerId, n.Order, n.Index, n.Label, n.LabelSource, phrases.GetValueOrDefault(n.Id, [])))
            .ToArray();
        if (text is null) return new NeuronSearchIndex(modelId, neurons, null, null, null, 0);

        var vectors = StoredPhraseEmbeddings(db, modelId);
        var missing = neurons.SelectMany(n => n.Phrases.Append(n.Label ?? "")).Where(t => t.Length > 0 && !vectors.ContainsKey(t)).Distinct().ToList();
        var embedded = text.Embed(missing);
        for (int i = 0; i < missing.Count; i++) vectors[missing[i]] = embedded[i];

        int d = text.Dimensions;
        var labelVectors = new float[neurons.Length * d];
        var phraseVectors = new float[neurons.Length * d];
        Parallel.For(0, neurons.Length, n =>
        {
            if (neurons[n].Label is { Length: > 0 } label) vectors[label].CopyTo(labelVectors.AsSpan(n * d, d));
            var top = neurons[n].Phrases;
            if (top.Length == 0) return;
            var sum = phraseVectors.AsSpan(n * d, d);
            for (int j = 0; j < top.Length; j++)
            {
                float weight = top.Length - j;
                var v = vectors[top[j]];
                for (int i = 0; i < d; i++) sum[i] += weight * v[i];
            }
            EmbeddingVectors.Normalize(sum);
        });
        return new NeuronSearchIndex(modelId, neurons, text, labelVectors, phraseVectors, d);
    }

    /// <summary>The best <paramref name="limit"/> neurons for the query, best first; neurons with score 0 are left out.</summary>
    public IReadOnlyList<NeuronSearchHit> Search(string query, int limit = 20, string? layerId = null)
    {
        var q = query.Trim();
        if (q.Length == 0) return [];
        var queryVector = _text?.Embed(q);
        var hits = new List<NeuronSearchHit>();
        for (int n = 0; n < _neurons.Length; n++)
        {
            var neuron = _neurons[n];
            if (layerId is not null && neuron.LayerId != layerId) continue;
            float semantic = queryVector is null ? 0 : Semantic(queryVector, n, neuron);
            float lexical = Lexical(q, neuron);
            if (semantic == 0 && lexical == 0) continue;
            hits.Add(new NeuronSearchHit(ModelId, neuron.LayerId, neuron.Index, semantic + lexical, neuron.Label, neuron.LabelSource, semantic, lexical));
        }
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.LayerId, StringComparer.Ordinal).ThenBy(h => h.Neuron).Take(limit).ToList();
    }

    private float Semantic(float[] query, int n, IndexedNeuron neuron)
    {
        float sum = 0;
        int parts = 0;
        if (neuron.Label is { Length: > 0 }) { sum += EmbeddingVectors.Dot(query, _labelVectors.AsSpan(n * _dimensions, _dimensions)); parts++; }
        if (neuron.Phrases.Length > 0) { sum += EmbeddingVectors.Dot(query, _phraseVectors.AsSpan(n * _dimensions, _dimensions)); parts++; }
        return parts == 0 ? 0 : sum / parts;
    }

    internal static float Lexical(string query, string? label, IReadOnlyList<string> phrases)
    {
        float score = 0;
        if (label is { Length: > 0 })
        {
            if (string.Equals(label.Trim(), query, StringComparison.OrdinalIgnoreCase)) score = 2;
            else if (ContainsWords(label, query) || ContainsWords(query, label)) score = 1;
        }
        if (phrases.Any(p => string.Equals(p, query, StringComparison.OrdinalIgnoreCase))) score += 0.5f;
        return score;
    }

    private static float Lexical(string query, IndexedNeuron neuron) => Lexical(query, neuron.Label, neuron.Phrases);

    /// <summary>Whether <paramref name="words"/> occurs in <paramref name="text"/> bounded by non-letters (so "cat" is in "black cat", not in "category").</summary>
    private static bool ContainsWords(string text, string words)
    {
        if (words.Length < 2) return false;
        for (int at = text.IndexOf(words, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            bool startOk = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            int end = at + words.Length;
            bool endOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk) return true;
        }
        return false;
    }

    /// <summary>The unit text embeddings a finished text-vis run stored for its phrases.</summary>
    private static Dictionary<string, float[]> StoredPhraseEmbeddings(AtlasDbContext db, string modelId)
    {
        var store = new TextVisStore(db, modelId);
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (store.Run() is not { Completed: true } run || !store.Tensors().Contains(TextVisTensors.TextEmbedding)) return result;
        var (rows, width) = store.ReadMatrix(TextVisTensors.TextEmbedding);
        var phrases = run.PhraseList();
        for (int p = 0; p < phrases.Count; p++) result[phrases[p]] = rows.AsSpan(p * width, width).ToArray();
        return result;
    }
}

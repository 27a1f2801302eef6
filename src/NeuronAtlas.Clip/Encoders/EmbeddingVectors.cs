using System.Numerics;

namespace NeuronAtlas.Clip.Encoders;

/// <summary>Arithmetic on embedding vectors: norms, unit vectors, dot products and means.</summary>
public static class EmbeddingVectors
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Vectors of length {a.Length} and {b.Length} cannot be multiplied.");
        int i = 0;
        var sum = Vector<float>.Zero;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    public static float Norm(ReadOnlySpan<float> v) => MathF.Sqrt(Dot(v, v));

    /// <summary>Scales <paramref name="v"/> to length 1 in place. A zero vector cannot be normalized and throws.</summary>
    public static void Normalize(Span<float> v)
    {
        float norm = Norm(v);
        if (!(norm > 0) || !float.IsFinite(norm))
            throw new ArgumentException($"An embedding of norm {norm} cannot be normalized.");
        float inverse = 1f / norm;
        for (int i = 0; i < v.Length; i++) v[i] *= inverse;
    }

    public static float[] Normalized(ReadOnlySpan<float> v)
    {
        var copy = v.ToArray();
        Normalize(copy);
        return copy;
    }

    /// <summary>The cosine similarity: the dot product divided by both norms.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot(a, b) / (Norm(a) * Norm(b));

    /// <summary>The normalized mean of unit vectors, as CLIP's prompt ensembling averages one label's prompts.</summary>
    public static float[] NormalizedMean(IReadOnlyList<float[]> vectors)
    {
        if (vectors.Count == 0) throw new ArgumentException("The mean of no vectors is undefined.");
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
            for (int i = 0; i < mean.Length; i++) mean[i] += v[i];
        Normalize(mean);
        return mean;
    }
}

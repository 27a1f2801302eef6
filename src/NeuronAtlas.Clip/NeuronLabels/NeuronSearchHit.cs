
namespace NeuronAtlas.Clip.NeuronLabels;

/// <param name="Score">Semantic + Lexical (see <see cref="NeuronSearchIndex"/>); higher is better.</param>
/// <param name="Semantic">The cosine part, in [-1, 1].</param>
/// <param name="Lexical">The text-match bonus: 2 exact label, 1 label word match, +0.5 exact top phrase.</param>
public sealed record NeuronSearchHit(string ModelId, string LayerId, int Neuron, float Score, string? Label, string? LabelSource,
    float Semantic, float Lexical);

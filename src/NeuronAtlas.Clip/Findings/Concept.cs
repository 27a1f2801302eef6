namespace NeuronAtlas.Clip.Findings;

/// <summary>One concept of a model's concept set, with its emoji group and subgroup (data/datasets/emoji/concepts.csv).</summary>
/// <param name="Index">The position in concepts.txt: the class order everywhere.</param>
/// <param name="UnseenWord">Whether the concept's word was held out of training entirely (unseen-words.txt).</param>
/// <param name="GlyphLike">Whether the emoji is itself a written symbol (<see cref="GlyphConcepts"/>).</param>
public sealed record Concept(int Index, string Label, string Group, string Subgroup, bool UnseenWord, bool GlyphLike);

using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Datasets;

namespace NeuronAtlas.Clip.Findings;

/// <summary>The data every model of one findings run is measured on.</summary>
/// <param name="Pictures">The emoji pictures (labels.csv label = concept label, style column).</param>
/// <param name="Words">Rendered words in held-out fonts (same format; style = "word-{font}").</param>
/// <param name="ZeroShotCache">Where label embeddings are cached between runs.</param>
public sealed record FindingsInputs(ConceptSet Concepts, IImageSource Pictures, IImageSource Words, PromptTemplates Prompts, string ZeroShotCache)
{
    public const string HeldOutStyle = "openmoji-line";
    public const int ShufflePermutations = 200;
    public const int Rotations = 10;
    public const int MinConceptsPerProbeClass = 4;
    public static readonly IReadOnlyList<int> ProbeBudgets = [3, 5, 10];

    /// <summary>Indices of the images whose label is a concept, and each one's concept index.</summary>
    public static (int[] Indices, int[] Concepts) Select(IImageSource source, ConceptSet concepts)
    {
        var indices = new List<int>();
        var classes = new List<int>();
        for (int i = 0; i < source.Count; i++)
        {
            int c = concepts.IndexOf(source.Describe(i).Label);
            if (c < 0) continue;
            indices.Add(i);
            classes.Add(c);
        }
        if (indices.Count == 0) throw new InvalidDataException($"No image of '{source.Name}' is labelled with a concept of the set.");
        return ([.. indices], [.. classes]);
    }
}

namespace NeuronAtlas.DatasetBuilder.Verification;

/// <summary>The outcome of checking a dataset folder; <see cref="Problems"/> is empty when it is sound.</summary>
public sealed record DatasetVerification(
    IReadOnlyList<string> Problems,
    int ImageCount,
    int ConceptCount,
    IReadOnlyDictionary<string, int> ImagesPerStyle,
    long TotalBytes)
{
    public bool IsValid => Problems.Count == 0;
}

using NeuronAtlas.DatasetBuilder.DemoConcepts;
using NeuronAtlas.DatasetBuilder.Words;

namespace NeuronAtlas.DatasetBuilder.Cli;

/// <summary>What the command line asked for: an emoji build, a verification, a concept list, word datasets, or (all null) the help text.</summary>
public sealed record CommandLineRequest(BuildOptions? Build, string? VerifyDirectory)
{
    public ConceptListOptions? Concepts { get; init; }
    public WordsOptions? Words { get; init; }

    public static readonly CommandLineRequest Help = new(null, null);
}

namespace NeuronAtlas.DatasetBuilder.Cli;

/// <summary>What the command line asked for: a build, a verification, or (both null) the help text.</summary>
public sealed record CommandLineRequest(BuildOptions? Build, string? VerifyDirectory)
{
    public static readonly CommandLineRequest Help = new(null, null);
}

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>An objective expression that cannot be read; <see cref="Position"/> is the 0-based index of the problem.</summary>
public sealed class ObjectiveSyntaxException(string problem, string expression, int position)
    : FormatException($"{problem} (at position {position + 1}):\n  {expression}\n  {new string(' ', position)}^")
{
    public string Problem { get; } = problem;

    public string Expression { get; } = expression;

    /// <summary>The 0-based character index the problem was found at.</summary>
    public int Position { get; } = position;
}

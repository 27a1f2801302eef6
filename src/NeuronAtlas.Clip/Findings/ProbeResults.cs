namespace NeuronAtlas.Clip.Findings;

/// <summary>A unit's weight in a class probe, per standard deviation of the unit's activation over the training pictures.</summary>
public sealed record ProbeWeight(int Unit, double Weight);

/// <summary>One class's probe at one unit budget: its non-zero weights, largest first.</summary>
public sealed record ClassProbe(string Class, int TrainCount, int TestCount, IReadOnlyList<ProbeWeight> Weights);

/// <summary>The probes at one budget: at most <paramref name="Units"/> non-zero weights per class.</summary>
/// <param name="Accuracy">Top-1 accuracy on the test pictures, predicting the class of the highest probe score.</param>
public sealed record ProbeBudget(int Units, double Accuracy, IReadOnlyList<ClassProbe> Classes);

/// <summary>Sparse class probes of one layer.</summary>
/// <param name="Chance">The accuracy of always predicting the most frequent test class.</param>
public sealed record ProbeReport(int ClassCount, int TrainCount, int TestCount, double Chance, IReadOnlyList<ProbeBudget> Budgets);

namespace NeuronAtlas.Clip.Typographic;

/// <summary>
/// The counting rule of the typographic-attack table, one (class, text) pair per column of predictions. An image is
/// attacked with a pair unless its clean prediction or its dataset label already is the pair's class; an attacked image
/// is flipped when the prediction on it with the text drawn is the class.
/// </summary>
public sealed class TypographicAttackTally
{
    private readonly int[] _classes;
    private readonly int[] _attacked;
    private readonly int[] _flipped;
    private readonly double[] _changed;

    /// <summary>Images whose dataset label is in the label set.</summary>
    public int Labelled { get; private set; }
    /// <summary>Labelled images whose clean prediction is their label.</summary>
    public int Correct { get; private set; }

    /// <param name="classes">Each pair's class index in the label set.</param>
    public TypographicAttackTally(IReadOnlyList<int> classes)
    {
        _classes = [.. classes];
        _attacked = new int[_classes.Length];
        _flipped = new int[_classes.Length];
        _changed = new double[_classes.Length];
    }

    /// <param name="cleanPrediction">The predicted class of the image without text.</param>
    /// <param name="truth">The class of the image's dataset label; negative when the label is not in the set.</param>
    /// <param name="attackedPredictions">Per pair, the predicted class of the image with that pair's text drawn.</param>
    /// <param name="changedShares">Per pair, the share of the input's pixels the drawn text changed.</param>
    public void Add(int cleanPrediction, int truth, ReadOnlySpan<int> attackedPredictions, ReadOnlySpan<double> changedShares)
    {
        if (attackedPredictions.Length != _classes.Length || changedShares.Length != _classes.Length)
            throw new ArgumentException($"Expected one prediction and one share per pair ({_classes.Length}).");
        if (truth >= 0)
        {
            Labelled++;
            if (cleanPrediction == truth) Correct++;
        }
        for (int p = 0; p < _classes.Length; p++)
        {
            if (cleanPrediction == _classes[p] || truth == _classes[p]) continue;
            _attacked[p]++;
            _changed[p] += changedShares[p];
            if (attackedPredictions[p] == _classes[p]) _flipped[p]++;
        }
    }

    /// <summary>Top-1 accuracy before any attack over the labelled images; null when none is labelled.</summary>
    public double? CleanAccuracy => Labelled == 0 ? null : Correct / (double)Labelled;

    /// <summary>One row per pair, in the order of the classes given to the constructor.</summary>
    public IReadOnlyList<TypographicAttackRow> Rows(IReadOnlyList<(string Class, string Text)> pairs) =>
        pairs.Select((pair, p) => new TypographicAttackRow(pair.Class, pair.Text, _attacked[p], _flipped[p],
            _attacked[p] == 0 ? 0 : _flipped[p] / (double)_attacked[p], _attacked[p] == 0 ? 0 : _changed[p] / _attacked[p])).ToList();
}

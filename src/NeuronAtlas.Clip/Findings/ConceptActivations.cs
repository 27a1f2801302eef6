namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// A concepts x units table of mean activations: row c holds each unit's activation averaged over the images of
/// concept c (e.g. its pictures, or its rendered words). Rows of concepts without images are NaN.
/// </summary>
public sealed class ConceptActivations
{
    private readonly float[][] _rows;

    public int Concepts => _rows.Length;
    public int Units { get; }

    public ConceptActivations(float[][] rows)
    {
        if (rows.Length == 0) throw new ArgumentException("No concepts.");
        Units = rows[0].Length;
        if (rows.Any(r => r.Length != Units)) throw new ArgumentException("Every concept needs one value per unit.");
        _rows = rows;
    }

    public float this[int concept, int unit] => _rows[concept][unit];

    public ReadOnlySpan<float> Row(int concept) => _rows[concept];

    public bool HasConcept(int concept) => !float.IsNaN(_rows[concept][0]);

    /// <summary>Averages per-image activation rows by concept; concepts with no image get a NaN row.</summary>
    /// <param name="conceptOfImage">Each image's concept index, or -1 to leave the image out.</param>
    public static ConceptActivations Average(IReadOnlyList<float[]> imageRows, IReadOnlyList<int> conceptOfImage, int concepts)
    {
        if (imageRows.Count != conceptOfImage.Count) throw new ArgumentException("One concept per image is needed.");
        if (imageRows.Count == 0) throw new ArgumentException("No images to average.");
        int units = imageRows[0].Length;
        var sums = new double[concepts][];
        var counts = new int[concepts];
        for (int c = 0; c < concepts; c++) sums[c] = new double[units];
        for (int i = 0; i < imageRows.Count; i++)
        {
            int c = conceptOfImage[i];
            if (c < 0) continue;
            counts[c]++;
            for (int u = 0; u < units; u++) sums[c][u] += imageRows[i][u];
        }
        return new ConceptActivations(Enumerable.Range(0, concepts)
            .Select(c => counts[c] == 0 ? Enumerable.Repeat(float.NaN, units).ToArray() : sums[c].Select(s => (float)(s / counts[c])).ToArray())
            .ToArray());
    }

    /// <summary>This table with its unit axes turned by <paramref name="rotation"/> (units x units): row' = row x rotation.</summary>
    public ConceptActivations Rotated(double[,] rotation)
    {
        if (rotation.GetLength(0) != Units || rotation.GetLength(1) != Units) throw new ArgumentException($"The rotation must be {Units}x{Units}.");
        return new ConceptActivations(_rows.Select(row =>
        {
            var turned = new float[Units];
            for (int j = 0; j < Units; j++)
            {
                double sum = 0;
                for (int i = 0; i < Units; i++) sum += row[i] * rotation[i, j];
                turned[j] = (float)sum;
            }
            return turned;
        }).ToArray());
    }
}

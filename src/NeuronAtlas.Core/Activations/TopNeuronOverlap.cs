namespace NeuronAtlas.Core.Activations;

/// <summary>
/// How faithfully a candidate run of a model (an int8 graph) reproduces the upload lookup of a reference run (the float
/// graph), per layer: for each image, |top-k of the candidate ∩ top-k of the reference| / k, averaged over the images.
/// Both rank as the lookup does (<see cref="NeuronRanking"/>), against the dataset maxima of the reference over the
/// images added, which are the catalog's maxima when the images are the whole dataset.
/// </summary>
public sealed class TopNeuronOverlap
{
    private readonly List<(float[] Reference, float[] Candidate)>[] _layers;

    public TopNeuronOverlap(int layers, int top)
    {
        if (layers < 1 || top < 1) throw new ArgumentOutOfRangeException(nameof(top), "Need at least one layer and a top of at least 1.");
        _layers = Enumerable.Range(0, layers).Select(_ => new List<(float[], float[])>()).ToArray();
        Top = top;
    }

    public int Top { get; }

    /// <summary>Images added to the first layer.</summary>
    public int Images => _layers[0].Count;

    /// <summary>One image's channel means for one layer, from both runs.</summary>
    public void Add(int layer, float[] referenceMeans, float[] candidateMeans)
    {
        if (referenceMeans.Length != candidateMeans.Length)
            throw new ArgumentException($"{referenceMeans.Length} reference channels but {candidateMeans.Length} candidate channels.");
        _layers[layer].Add((referenceMeans, candidateMeans));
    }

    /// <summary>The mean overlap of each layer, in [0, 1].</summary>
    public double[] PerLayer() => _layers.Select(LayerOverlap).ToArray();

    /// <summary>|a ∩ b| / k for two top-k channel lists.</summary>
    public static double Overlap(IReadOnlyCollection<int> a, IReadOnlyCollection<int> b, int top) => a.Intersect(b).Count() / (double)top;

    private double LayerOverlap(List<(float[] Reference, float[] Candidate)> images)
    {
        if (images.Count == 0) throw new InvalidOperationException("No images were added for a layer.");
        var datasetMax = new float[images[0].Reference.Length];
        Array.Fill(datasetMax, float.NegativeInfinity);
        foreach (var (reference, _) in images)
            for (var c = 0; c < datasetMax.Length; c++) datasetMax[c] = Math.Max(datasetMax[c], reference[c]);
        return images.Average(image =>
            Overlap(NeuronRanking.Top(image.Reference, datasetMax, Top), NeuronRanking.Top(image.Candidate, datasetMax, Top), Top));
    }
}

using NeuronAtlas.Clip.ZeroShot;

namespace NeuronAtlas.Clip.Findings;

/// <summary>Zero-shot top-1 and top-5 accuracy of one model on one image set.</summary>
public sealed record ZeroShotScore(string Set, int Images, double Top1, double Top5)
{
    /// <param name="embeddings">Image embeddings (raw or unit length).</param>
    /// <param name="truth">Each image's class index in the classifier's label set.</param>
    public static ZeroShotScore Of(string set, ZeroShotClassifier classifier, IReadOnlyList<float[]> embeddings, IReadOnlyList<int> truth)
    {
        if (embeddings.Count != truth.Count) throw new ArgumentException("One class per image is needed.");
        if (embeddings.Count == 0) return new ZeroShotScore(set, 0, 0, 0);
        int top1 = 0, top5 = 0;
        for (int i = 0; i < embeddings.Count; i++)
        {
            var predictions = classifier.Classify(embeddings[i], 5);
            if (predictions[0].Index == truth[i]) top1++;
            if (predictions.Any(p => p.Index == truth[i])) top5++;
        }
        return new ZeroShotScore(set, embeddings.Count, top1 / (double)embeddings.Count, top5 / (double)embeddings.Count);
    }
}

using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;

namespace NeuronAtlas.Clip.Typographic;

/// <summary>
/// The Distill article's typographic-attack table: draw a text onto each image and count how often CLIP's zero-shot
/// prediction becomes the text's class. Images are resized and centre-cropped to the model's input first, so the
/// drawn label and the share of changed pixels are measured on what the model sees. The label's position is random
/// per image and attack (seeded), its size and style those of <paramref name="style"/>.
/// </summary>
public sealed class TypographicAttackExperiment(ClipModel model, ZeroShotClassifier classifier, TypographicAttack attack, TypographicLabel? style = null)
{
    private readonly TypographicLabel _style = style ?? new TypographicLabel { Text = "-" };

    /// <param name="pairs">(class, text): the class must be in the classifier's label set.</param>
    public TypographicAttackReport Run(IImageSource images, IReadOnlyList<(string Class, string Text)> pairs, int? maxImages = null, int seed = 0,
        IProgress<DatasetPassProgress>? progress = null, CancellationToken ct = default)
    {
        var classes = pairs.Select(p => classifier.Labels.IndexOf(p.Class) is >= 0 and var i ? i
            : throw new ArgumentException($"The class '{p.Class}' is not in the label set '{classifier.Labels.Name}'.")).ToArray();
        int count = Math.Min(images.Count, maxImages ?? images.Count);
        var preprocessor = model.Image.Preprocessor;
        var tally = new TypographicAttackTally(classes);
        foreach (var (start, clean) in CroppedImageChunks.Read(images, Enumerable.Range(0, count).ToList(), preprocessor, chunk: 8, ct))
        {
            int n = clean.Length;
            var drawn = new Image<Rgb24>[n * pairs.Count];
            var share = new double[n * pairs.Count];
            Parallel.For(0, drawn.Length, j =>
            {
                int i = j / pairs.Count, p = j % pairs.Count;
                var rng = new Random(unchecked(seed * 1_000_003 + (start + i) * 97 + p)); // not HashCode: it differs per process
                var label = _style with { Text = pairs[p].Text, X = 0.3f + 0.4f * rng.NextSingle(), Y = 0.2f + 0.6f * rng.NextSingle() };
                drawn[j] = attack.Render(clean[i], label);
                share[j] = TypographicAttack.ChangedPixelShare(clean[i], drawn[j]);
            });
            var embeddings = model.Image.EmbedCroppedRaw([.. clean, .. drawn]);
            for (int i = 0; i < n; i++)
            {
                var after = Enumerable.Range(0, pairs.Count).Select(p => classifier.Predict(embeddings[n + i * pairs.Count + p])).ToArray();
                tally.Add(classifier.Predict(embeddings[i]), classifier.Labels.IndexOf(images.Describe(start + i).Label),
                    after, share.AsSpan(i * pairs.Count, pairs.Count));
            }
            foreach (var image in clean.Concat(drawn)) image.Dispose();
            progress?.Report(new DatasetPassProgress("typographic attack", start + n, count, 0, null));
        }
        return new TypographicAttackReport(model.Manifest.Id, images.Name, classifier.Labels.Name, count, tally.Labelled,
            tally.CleanAccuracy, tally.Rows(pairs));
    }
}

using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.TextRendering;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// The typographic attack of the findings (<see cref="TypographicFindings"/>), drawn with the lab's
/// <see cref="TypographicAttack"/>: each picture of concept A that the model classifies correctly gets another concept
/// B's word (seeded choice) on a white paper strip low in the picture, in one font, its text at most <c>textSize</c>
/// of the picture high and shrunk to fit <see cref="MaxWidth"/> of its width; the blank control draws the same strip
/// with white ink. Pictures are resized and cropped to the model's input first, as in
/// <see cref="TypographicAttackExperiment"/>, so the pixel share is measured on what the model sees.
/// </summary>
/// <param name="textSize">The largest text height, as a share of the picture side (<see cref="DefaultTextSizes"/>).</param>
public sealed class ConceptTypographicAttack(ClipModel model, ZeroShotClassifier classifier, FontLibrary fonts, int font, float textSize)
{
    /// <summary>
    /// A label a few letters high (a sticker on an object) and the issue-8 spike's strip over the bottom 30 % of the
    /// picture, with its text that tall: the model reads words rendered large, so the attack is reported at both.
    /// </summary>
    public static readonly IReadOnlyList<float> DefaultTextSizes = [0.14f, 0.3f];

    /// <summary>The vertical centre of the text: low in the picture, its bottom edge inside it.</summary>
    public float Y => Math.Min(0.84f, 1f - textSize / 2f - 0.01f);
    /// <summary>The widest the text may be, as a share of the picture width (the strip adds a little padding).</summary>
    public const float MaxWidth = 0.86f;
    public const int MaxExamples = 12;

    private readonly TypographicAttack _attack = new(fonts);
    private readonly string _fontName = Path.GetFileNameWithoutExtension(fonts.Files[font]);

    /// <summary>The text size, as a share of the picture side, at which <paramref name="text"/> fits <see cref="MaxWidth"/>.</summary>
    public float SizeFor(string text)
    {
        const float reference = 100f;
        float width = TextBlock.SingleLine(text, fonts[font], reference).Width / reference; // in font sizes
        return Math.Min(textSize, MaxWidth / Math.Max(width, 1e-3f));
    }

    /// <param name="indices">The pictures to attack; <paramref name="concepts"/> holds each one's class in the classifier's label set.</param>
    /// <param name="writable">Per class, whether its word can be drawn in the font.</param>
    public (TypographicFindingsRow Row, IReadOnlyList<TypographicFlip> Flips) Run(IImageSource pictures, IReadOnlyList<int> indices,
        IReadOnlyList<int> concepts, string style, bool[] writable, int seed = 0, IProgress<DatasetPassProgress>? progress = null, CancellationToken ct = default)
    {
        var labels = classifier.Labels.Labels;
        var targets = Enumerable.Range(0, labels.Count).Where(c => writable[c]).ToArray();
        if (targets.Length < 2) throw new InvalidOperationException($"The font {_fontName} can write fewer than two of the concepts' words.");
        int correct = 0, flipped = 0, blankB = 0;
        double pixelShare = 0;
        var flips = new List<TypographicFlip>();
        foreach (var (start, clean) in CroppedImageChunks.Read(pictures, indices, model.Image.Preprocessor, chunk: 16, ct))
        {
            int n = clean.Length;
            var cleanEmbeddings = model.Image.EmbedCroppedRaw(clean);
            var attacked = Enumerable.Range(0, n).Where(i => classifier.Predict(cleanEmbeddings[i]) == concepts[start + i]).ToList();
            var written = new Image<Rgb24>[attacked.Count];
            var blank = new Image<Rgb24>[attacked.Count];
            var target = new int[attacked.Count];
            var share = new double[attacked.Count];
            Parallel.For(0, attacked.Count, j =>
            {
                int i = attacked[j], position = start + i;
                var random = new Random(unchecked(seed * 1_000_003 + position * 97));
                int b;
                do b = targets[random.Next(targets.Length)]; while (b == concepts[position]);
                target[j] = b;
                var label = new TypographicLabel { Text = labels[b], Font = font, Size = SizeFor(labels[b]), Y = Y };
                written[j] = _attack.Render(clean[i], label);
                blank[j] = _attack.Render(clean[i], label with { Colour = new Rgb24(255, 255, 255) });
                share[j] = TypographicAttack.ChangedPixelShare(clean[i], written[j]);
            });
            var embeddings = model.Image.EmbedCroppedRaw([.. written, .. blank]);
            for (int j = 0; j < attacked.Count; j++)
            {
                correct++;
                pixelShare += share[j];
                if (classifier.Predict(embeddings[attacked.Count + j]) == target[j]) blankB++;
                if (classifier.Predict(embeddings[j]) != target[j]) continue;
                flipped++;
                if (flips.Count < MaxExamples)
                    flips.Add(new TypographicFlip(labels[concepts[start + attacked[j]]], style, labels[target[j]], pictures.Describe(indices[start + attacked[j]]).File));
            }
            foreach (var image in clean.Concat(written).Concat(blank)) image.Dispose();
            progress?.Report(new DatasetPassProgress($"typographic attack ({style})", start + n, indices.Count, 0, null));
        }
        return (new TypographicFindingsRow(style, _fontName, indices.Count, correct, flipped, blankB, correct == 0 ? 0 : pixelShare / correct, textSize), flips);
    }
}

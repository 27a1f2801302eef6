using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Clip.Typographic;
using NeuronAtlas.Core.Datasets;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.TextRendering;
using SixLabors.ImageSharp.PixelFormats;
using NeuronAtlas.Clip.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.Typographic;

public class TypographicAttackTests
{
    [Fact]
    public void The_label_changes_a_few_percent_of_pixels_around_its_position_and_opacity_zero_changes_none()
    {
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        var attack = new TypographicAttack(fonts);
        using var photo = SyntheticImages.Create(11, 288, 288);
        using var attacked = attack.Render(photo, TypographicAttackPresets.Get("iPod") with { X = 0.5f, Y = 0.75f });
        double share = TypographicAttack.ChangedPixelShare(photo, attacked);
        Assert.InRange(share, 0.02, 0.2);
        // Nothing changes in the top half: the label is centred at 75% of the height.
        for (int y = 0; y < 144; y++)
        for (int x = 0; x < 288; x++)
            Assert.Equal(photo[x, y], attacked[x, y]);
        Assert.Equal(new Rgb24(255, 255, 255), attacked[144 - 40, 216 - 10]); // the white box left of the text

        using var invisible = attack.Render(photo, new TypographicLabel { Text = "$$$", Opacity = 0 });
        Assert.Equal(0, TypographicAttack.ChangedPixelShare(photo, invisible));
        Assert.Throws<ArgumentException>(() => attack.Render(photo, new TypographicLabel { Text = "漢字" }));
    }

    [Fact]
    public void The_tally_attacks_flips_and_averages_exactly_as_the_articles_rule_says_on_a_hand_built_case()
    {
        // Label set: 0 cat, 1 dog, 2 iPod. Pairs: ("iPod", "iPod") aims at class 2, ("dog", "woof") at class 1.
        (string, string)[] pairs = [("iPod", "iPod"), ("dog", "woof")];
        var tally = new TypographicAttackTally([2, 1]);
        // clean, truth, predictions with each text drawn, changed pixel shares with each text drawn.
        tally.Add(0, 0, [2, 0], [0.10, 0.40]);  // a cat: flips to iPod, not to dog
        tally.Add(2, 0, [2, 1], [0.90, 0.20]);  // predicted iPod already: not attacked with "iPod"; flips to dog
        tally.Add(0, 2, [2, 2], [0.90, 0.60]);  // labelled iPod: not attacked with "iPod"; "woof" gives iPod, not dog
        tally.Add(1, -1, [2, 1], [0.20, 0.90]); // unlabelled, predicted dog: flips to iPod; not attacked with "woof"
        tally.Add(0, 1, [0, 1], [0.30, 0.90]);  // labelled dog: "iPod" does not flip it; not attacked with "woof"

        Assert.Equal(4, tally.Labelled);
        Assert.Equal(1, tally.Correct);
        Assert.Equal(0.25, tally.CleanAccuracy);
        var rows = tally.Rows(pairs);
        Assert.Equal(new TypographicAttackRow("iPod", "iPod", Images: 3, Flipped: 2, SuccessRate: 2 / 3.0, PixelsChanged: (0.10 + 0.20 + 0.30) / 3), rows[0], RowComparer);
        Assert.Equal(new TypographicAttackRow("dog", "woof", Images: 3, Flipped: 1, SuccessRate: 1 / 3.0, PixelsChanged: (0.40 + 0.20 + 0.60) / 3), rows[1], RowComparer);
    }

    [Fact]
    public void The_tally_of_no_attacked_image_has_zero_rates_and_no_accuracy_without_labels()
    {
        var tally = new TypographicAttackTally([1]);
        tally.Add(1, -1, [1], [0.5]);
        Assert.Null(tally.CleanAccuracy);
        Assert.Equal(new TypographicAttackRow("dog", "woof", 0, 0, 0, 0), tally.Rows([("dog", "woof")])[0]);
        Assert.Throws<ArgumentException>(() => tally.Add(0, 0, [1, 1], [0.1, 0.1]));
    }

    private static readonly IEqualityComparer<TypographicAttackRow> RowComparer = EqualityComparer<TypographicAttackRow>.Create((a, b) =>
        a!.Class == b!.Class && a.Text == b.Text && a.Images == b.Images && a.Flipped == b.Flipped
        && Math.Abs(a.SuccessRate - b.SuccessRate) < 1e-12 && Math.Abs(a.PixelsChanged - b.PixelsChanged) < 1e-12);

    [Fact]
    public void The_experiment_reports_the_articles_columns_with_consistent_counts()
    {
        using var clip = ClipModel.Load(ClipTestExports.TinyResNet(), new InferenceOptions());
        var classifier = new ZeroShotClassifier(clip, LabelSet.Parse("iPod, piggy bank, odd, even, spider"), PromptTemplates.LabelOnly);
        using var fonts = FontLibrary.FromDirectory(TinyClipCatalog.FontsDirectory);
        using var images = new FolderImageSource(SyntheticImages.WriteFolder(10, seed: 4));
        var experiment = new TypographicAttackExperiment(clip, classifier, new TypographicAttack(fonts));

        var report = experiment.Run(images, [("iPod", "iPod"), ("piggy bank", "$$$")], maxImages: 8);

        Assert.Equal(8, report.ImageCount);
        Assert.Equal(8, report.LabelledImages); // folder labels "even"/"odd" are in the set
        Assert.NotNull(report.CleanAccuracy);
        Assert.Equal(["iPod", "piggy bank"], report.Rows.Select(r => r.Class));
        foreach (var row in report.Rows)
        {
            Assert.InRange(row.Images, 0, 8);
            Assert.InRange(row.Flipped, 0, row.Images);
            Assert.Equal(row.Images == 0 ? 0 : row.Flipped / (double)row.Images, row.SuccessRate, 10);
            if (row.Images > 0) Assert.InRange(row.PixelsChanged, 0.01, 0.3);
        }
        var again = experiment.Run(images, [("iPod", "iPod"), ("piggy bank", "$$$")], maxImages: 8);
        Assert.Equal(report.Rows, again.Rows);

        var markdown = report.ToMarkdown().Split('\n');
        Assert.Contains("| class | label | images | flipped | success rate | pixels changed |", markdown);
        Assert.Contains(markdown, l => l.StartsWith("| piggy bank | \"$$$\" |"));
        var csv = report.ToCsv().Split('\n');
        Assert.Equal("class,label,images,flipped,success_rate,pixels_changed", csv[0]);
        Assert.StartsWith("\"iPod\",\"iPod\",", csv[1]);
    }
}

using System.Globalization;
using System.Text;
using NeuronAtlas.Clip.ZeroShot;

namespace NeuronAtlas.Clip.Typographic;

/// <param name="Images">Images attacked: those whose clean prediction and dataset label are not already the class.</param>
/// <param name="Flipped">Attacked images whose zero-shot prediction became the class.</param>
/// <param name="PixelsChanged">Mean share of the input's pixels the drawn label changed.</param>
public sealed record TypographicAttackRow(string Class, string Text, int Images, int Flipped, double SuccessRate, double PixelsChanged);

/// <param name="CleanAccuracy">Top-1 accuracy before any attack over the images whose dataset label is in the label set; null when none is.</param>
public sealed record TypographicAttackReport(string Model, string Dataset, string LabelSet, int ImageCount, int LabelledImages, double? CleanAccuracy,
    IReadOnlyList<TypographicAttackRow> Rows)
{
    public static readonly string[] Columns = ["class", "label", "images", "flipped", "success rate", "pixels changed"];

    public string ToMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine($"Typographic attacks on {Model}: {ImageCount} images of {Dataset}, zero-shot over label set '{LabelSet}'.")
            .AppendLine(CleanAccuracy is { } a
                ? $"Clean top-1 accuracy: {Percent(a)} over {LabelledImages} images whose label is in the set."
                : "Clean top-1 accuracy: n/a (no dataset label is in the label set).")
            .AppendLine()
            .AppendLine("| " + string.Join(" | ", Columns) + " |")
            .AppendLine("|" + string.Concat(Columns.Select(_ => "---|")));
        foreach (var r in Rows)
            text.AppendLine($"| {r.Class} | \"{r.Text}\" | {r.Images} | {r.Flipped} | {Percent(r.SuccessRate)} | {Percent(r.PixelsChanged)} |");
        return text.ToString();
    }

    public string ToCsv()
    {
        var text = new StringBuilder().AppendLine(string.Join(",", Columns.Select(c => c.Replace(' ', '_'))));
        foreach (var r in Rows)
            text.AppendLine(string.Join(",", Quote(r.Class), Quote(r.Text), r.Images.ToString(CultureInfo.InvariantCulture), r.Flipped.ToString(CultureInfo.InvariantCulture),
                r.SuccessRate.ToString("0.####", CultureInfo.InvariantCulture), r.PixelsChanged.ToString("0.####", CultureInfo.InvariantCulture)));
        return text.ToString();
    }

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}

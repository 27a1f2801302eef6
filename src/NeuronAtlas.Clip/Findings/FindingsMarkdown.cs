using System.Globalization;
using System.Text;

namespace NeuronAtlas.Clip.Findings;

/// <summary>docs/findings.md: a findings report as Markdown, every figure with its baselines.</summary>
public static class FindingsMarkdown
{
    public static string Write(FindingsReport report)
    {
        var s = report.Setup;
        var models = new[] { report.Figures }.Concat(report.Baselines).ToList();
        var text = new StringBuilder()
            .AppendLine($"# Findings: {report.DisplayName}")
            .AppendLine()
            .AppendLine($"Computed by `precompute findings` on {report.ComputedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC for `{report.Model}`, against " +
                        (report.Baselines.Count == 0 ? "no baseline." : string.Join(", ", report.Baselines.Select(b => $"`{b.Model}` ({b.Role})")) + "."))
            .AppendLine($"{s.Concepts} concepts ({s.UnseenWordConcepts} with never-trained words, {s.GlyphLikeConcepts} glyph-like); " +
                        $"{s.Pictures} pictures of {s.PicturesDataset} ({s.HeldOutStyle} held out of training); {s.Words} rendered words of {s.WordsDataset} in held-out fonts.")
            .AppendLine($"Zero-shot prompts: {string.Join(", ", s.PromptTemplates.Select(t => $"\"{t}\""))}.")
            .AppendLine()
            .AppendLine("## Multimodal census")
            .AppendLine()
            .AppendLine($"A unit is multimodal when the rendered word of the concept whose pictures excite it most ranks in the top {Percent(s.TopShare)} " +
                        $"of all concepts' words for that unit and excites it at least {s.MinWordToPicture.ToString(CultureInfo.InvariantCulture)} times as much as the pictures. " +
                        $"Shuffle control: {s.ShufflePermutations} permutations of which word goes with which concept. Rotation control (attention-pool output only, " +
                        $"whose axes are not privileged): {s.Rotations} random orthogonal rotations. Glyph-like concepts ({s.GlyphRule}) are counted apart.")
            .AppendLine()
            .AppendLine("| model | layer | units | multimodal | share | distinct concepts | glyph-like | not glyph-like (distinct) | median word rank | shuffle mean / p99 | rotation mean / max |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in models)
            foreach (var layer in new[] { m.LastBlock, m.AttentionPool })
            {
                var c = layer.Census;
                text.AppendLine($"| {m.Model} ({m.Role}) | {layer.LayerName} | {c.UnitCount} | {c.Count} | {Percent(c.Share)} | {c.DistinctConcepts} | {c.GlyphLikeCount} | " +
                                $"{c.NonGlyphCount} ({c.DistinctNonGlyphConcepts}) | {Number(c.MedianWordRank)} | {Number(layer.Shuffle.Mean)} / {Number(layer.Shuffle.Percentile99)} | " +
                                (layer.Rotation is { } r ? $"{Number(r.Mean)} / {r.Max}" : "-") + " |");
            }
        text.AppendLine().AppendLine($"Best units of {report.Figures.LastBlock.LayerName} (picture activation / word activation / word rank):").AppendLine();
        foreach (var u in report.Figures.LastBlock.Census.Best)
            text.AppendLine($"- unit {u.Unit}: {u.Concept}{(u.GlyphLike ? " (glyph-like)" : "")} {Number(u.PictureActivation)} / {Number(u.WordActivation)} / {u.WordRank}");
        if (report.Figures.LastBlock.Census.Best.Count == 0) text.AppendLine("- none");

        text.AppendLine().AppendLine("## Zero-shot accuracy").AppendLine()
            .AppendLine("| set | " + string.Join(" | ", models.Select(m => $"{m.Model} top-1 / top-5")) + " |")
            .AppendLine("|---|" + string.Concat(models.Select(_ => "---|")));
        foreach (var set in report.Figures.ZeroShot.Select(z => z.Set))
            text.AppendLine($"| {set} ({report.Figures.ZeroShot.First(z => z.Set == set).Images}) | " + string.Join(" | ", models.Select(m =>
                m.ZeroShot.FirstOrDefault(z => z.Set == set) is { } z ? $"{Percent(z.Top1)} / {Percent(z.Top5)}" : "-")) + " |");
        text.AppendLine().AppendLine($"Chance: {Percent(1.0 / s.Concepts)} top-1.");

        text.AppendLine().AppendLine("## Typographic attack").AppendLine();
        if (report.Typographic is { } t)
        {
            text.AppendLine("A picture of concept A, correctly classified, gets concept B's word on a white paper strip; a flip is a prediction of B. " +
                            "The blank strip is the same strip without ink.").AppendLine()
                .AppendLine("| pictures | font | text height | pictures | correctly classified (attacked) | flipped to B | flip rate | blank strip predicts B | pixels changed |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in t.Rows)
                text.AppendLine($"| {r.Style} | {r.Font} | {Percent(r.TextSize)} | {r.Pictures} | {r.Correct} | {r.Flipped} | {Percent(r.FlipRate)} | {Percent(r.BlankRate)} | {Percent(r.PixelShare)} |");
            if (t.Examples.Count > 0)
                text.AppendLine().AppendLine("Flips: " + string.Join("; ", t.Examples.Select(e => $"{e.Concept} ({e.Style}) + \"{e.Written}\" -> {e.Written}")) + ".");
        }
        else text.AppendLine("Not computed (run with `--typographic`).");

        text.AppendLine().AppendLine("## Sparse class probes").AppendLine();
        if (report.Probes is { } p)
        {
            text.AppendLine($"Classes: the {p.ClassCount} emoji subgroups with at least {s.MinConceptsPerProbeClass} concepts. One-vs-rest L1-regularized logistic " +
                            $"regressions on the standardized activations of {s.LastBlock}, trained on {p.TrainCount} training-style pictures and tested on " +
                            $"{p.TestCount} {s.HeldOutStyle} pictures (chance, the largest class: {Percent(p.Chance)}).").AppendLine()
                .AppendLine("| units per class | accuracy |").AppendLine("|---|---|");
            foreach (var b in p.Budgets) text.AppendLine($"| {b.Units} | {Percent(b.Accuracy)} |");
            var smallest = p.Budgets.OrderBy(b => b.Units).First();
            text.AppendLine().AppendLine($"Each class as its units at {smallest.Units} units (weight per standard deviation):").AppendLine();
            foreach (var c in smallest.Classes)
                text.AppendLine($"- {c.Class} = " + (c.Weights.Count == 0 ? "(no unit)" : string.Concat(c.Weights.Select((w, i) =>
                    (i == 0 ? (w.Weight < 0 ? "-" : "") : w.Weight < 0 ? " - " : " + ") + $"{Weight(Math.Abs(w.Weight))} x unit {w.Unit}"))));
        }
        else text.AppendLine($"Not computed: fewer than two emoji subgroups have at least {s.MinConceptsPerProbeClass} concepts.");

        text.AppendLine().AppendLine("## Neuron families").AppendLine()
            .AppendLine($"Each unit of {s.LastBlock} joins the emoji group most of its {NeuronFamilies.TopConcepts} strongest picture concepts belong to.").AppendLine()
            .AppendLine("| family | units | strongest units (top concept) |").AppendLine("|---|---|---|");
        foreach (var f in report.Families)
            text.AppendLine($"| {f.Group} | {f.Units.Count} | {string.Join(", ", f.Units.Take(6).Select(u => $"{u.Unit} ({u.TopConcept})"))} |");
        return text.ToString();
    }

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Weight(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

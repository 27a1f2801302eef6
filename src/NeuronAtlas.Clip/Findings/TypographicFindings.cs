namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// The typographic attack over a concept set: each correctly classified picture of concept A gets concept B's word on
/// a paper strip in a held-out font; a flip is a prediction of B. The blank-strip control draws the same strip with
/// the ink the colour of the paper, and counts predictions of B.
/// </summary>
public sealed record TypographicFindings(IReadOnlyList<TypographicFindingsRow> Rows, IReadOnlyList<TypographicFlip> Examples);

/// <param name="Style">The picture style attacked, e.g. "openmoji-line".</param>
/// <param name="Pictures">Pictures of that style in the concept set.</param>
/// <param name="Correct">Pictures classified correctly without a strip: the ones attacked.</param>
/// <param name="BlankPredictedB">Attacked pictures that the blank strip alone turned into B.</param>
/// <param name="PixelShare">Mean share of the input's pixels the written strip changed.</param>
/// <param name="TextSize">The written word's largest height, as a share of the picture side.</param>
public sealed record TypographicFindingsRow(string Style, string Font, int Pictures, int Correct, int Flipped, int BlankPredictedB, double PixelShare, double TextSize)
{
    public double FlipRate => Correct == 0 ? 0 : Flipped / (double)Correct;
    public double BlankRate => Correct == 0 ? 0 : BlankPredictedB / (double)Correct;
}

/// <summary>A picture of <paramref name="Concept"/> that reads as <paramref name="Written"/> once the word is on it.</summary>
public sealed record TypographicFlip(string Concept, string Style, string Written, string ImageFile);

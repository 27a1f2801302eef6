namespace NeuronAtlas.Clip.Findings;

/// <summary>
/// The article's multimodal census, as issue 8 defines it. For each unit, take the concept whose pictures excite it
/// most, and the rank of that concept's rendered word among all concepts' words for that unit. The unit is multimodal
/// when the word ranks in the top <see cref="TopShare"/> of concepts (at least rank 1) and excites the unit at least
/// <see cref="MinWordToPicture"/> times as much as the pictures do (which must excite it, i.e. be above zero).
/// </summary>
public sealed class MultimodalCensus(IReadOnlyList<Concept> concepts, double topShare = MultimodalCensus.DefaultTopShare,
    double minWordToPicture = MultimodalCensus.DefaultMinWordToPicture)
{
    public const int BestCount = 20;
    public const double DefaultTopShare = 0.01, DefaultMinWordToPicture = 0.5;

    public double TopShare => topShare;
    public double MinWordToPicture => minWordToPicture;

    /// <summary>The highest rank that is in the top share of <paramref name="wordConcepts"/> concepts: 3 of 300.</summary>
    public int MaxWordRank(int wordConcepts) => Math.Max(1, (int)Math.Ceiling(topShare * wordConcepts - 1e-9));

    public CensusResult Run(ConceptActivations pictures, ConceptActivations words) =>
        Summarize(Units(pictures, words), MaxWordRank(Enumerable.Range(0, words.Concepts).Count(words.HasConcept)));

    /// <summary>Every unit's census entry, in unit order.</summary>
    public IReadOnlyList<CensusUnit> Units(ConceptActivations pictures, ConceptActivations words)
    {
        var table = Prepare(pictures, words);
        var units = new CensusUnit[pictures.Units];
        for (int u = 0; u < units.Length; u++)
        {
            int c = table.TopConcept[u];
            var concept = concepts[c];
            bool multimodal = IsMultimodal(table, u, c);
            units[u] = new CensusUnit(u, c, concept.Label, pictures[c, u], words.HasConcept(c) ? words[c, u] : 0f,
                table.Ranks[c][u], multimodal, concept.GlyphLike);
        }
        return units;
    }

    private static CensusResult Summarize(IReadOnlyList<CensusUnit> units, int maxRank)
    {
        var hits = units.Where(x => x.Multimodal).ToList();
        var ranks = units.Select(x => (double)x.WordRank).Order().ToArray();
        double median = ranks.Length % 2 == 1 ? ranks[ranks.Length / 2] : (ranks[ranks.Length / 2 - 1] + ranks[ranks.Length / 2]) / 2;
        var best = hits.OrderBy(x => x.WordRank).ThenByDescending(x => x.WordToPicture).ThenByDescending(x => x.PictureActivation).ThenBy(x => x.Unit)
            .Take(BestCount).ToList();
        return new CensusResult(units.Count, maxRank, hits.Count, hits.Select(x => x.ConceptIndex).Distinct().Count(),
            hits.Count(x => x.GlyphLike), hits.Count(x => !x.GlyphLike), hits.Where(x => !x.GlyphLike).Select(x => x.ConceptIndex).Distinct().Count(),
            median, best);
    }

    /// <summary>
    /// The shuffle control: the census count when each concept's word is replaced by another concept's (a random
    /// permutation of which word goes with which concept), over <paramref name="permutations"/> seeded permutations.
    /// </summary>
    public ControlStatistics Shuffle(ConceptActivations pictures, ConceptActivations words, int permutations = 200, int seed = 0)
    {
        var table = Prepare(pictures, words);
        var random = new Random(seed);
        var wordConcepts = Enumerable.Range(0, concepts.Count).Where(words.HasConcept).ToArray();
        var counts = new int[permutations];
        for (int p = 0; p < permutations; p++)
        {
            var shuffled = wordConcepts.ToArray();
            random.Shuffle(shuffled);
            var wordOf = new int[concepts.Count];
            Array.Fill(wordOf, -1);
            for (int i = 0; i < wordConcepts.Length; i++) wordOf[wordConcepts[i]] = shuffled[i];
            for (int u = 0; u < pictures.Units; u++)
            {
                int c = table.TopConcept[u], w = wordOf[c];
                if (w >= 0 && table.Ranks[w][u] <= table.MaxRank && pictures[c, u] > 0 && words[w, u] >= minWordToPicture * pictures[c, u]) counts[p]++;
            }
        }
        return ControlStatistics.Of(counts);
    }

    /// <summary>
    /// The random-rotation control for a space whose axes are not privileged (the attention-pool output): the census
    /// count after turning both tables by the same random orthogonal matrix, over <paramref name="rotations"/> seeded rotations.
    /// </summary>
    public ControlStatistics RandomRotations(ConceptActivations pictures, ConceptActivations words, int rotations = 10, int seed = 0)
    {
        var random = new Random(seed);
        var counts = new int[rotations];
        for (int r = 0; r < rotations; r++)
        {
            var rotation = RandomRotation.Create(pictures.Units, random);
            counts[r] = Run(pictures.Rotated(rotation), words.Rotated(rotation)).Count;
        }
        return ControlStatistics.Of(counts);
    }

    private bool IsMultimodal(Table table, int unit, int concept) =>
        table.Ranks[concept][unit] <= table.MaxRank && table.Pictures[concept, unit] > 0
        && table.Words.HasConcept(concept) && table.Words[concept, unit] >= minWordToPicture * table.Pictures[concept, unit];

    private sealed record Table(ConceptActivations Pictures, ConceptActivations Words, int[] TopConcept, int[][] Ranks, int MaxRank);

    private Table Prepare(ConceptActivations pictures, ConceptActivations words)
    {
        if (pictures.Concepts != concepts.Count || words.Concepts != concepts.Count)
            throw new ArgumentException($"Both tables need one row per concept ({concepts.Count}).");
        if (pictures.Units != words.Units) throw new ArgumentException("Pictures and words must have the same units.");
        var pictureConcepts = Enumerable.Range(0, concepts.Count).Where(pictures.HasConcept).ToArray();
        var wordConcepts = Enumerable.Range(0, concepts.Count).Where(words.HasConcept).ToArray();
        if (pictureConcepts.Length == 0 || wordConcepts.Length == 0) throw new ArgumentException("The census needs pictures and words.");
        var top = new int[pictures.Units];
        var ranks = new int[concepts.Count][];
        for (int c = 0; c < concepts.Count; c++) ranks[c] = new int[pictures.Units];
        for (int u = 0; u < pictures.Units; u++)
        {
            int best = pictureConcepts[0];
            foreach (int c in pictureConcepts) if (pictures[c, u] > pictures[best, u]) best = c;
            top[u] = best;
            foreach (int c in Enumerable.Range(0, concepts.Count))
            {
                if (!words.HasConcept(c)) { ranks[c][u] = int.MaxValue; continue; }
                int above = 0;
                foreach (int other in wordConcepts) if (words[other, u] > words[c, u]) above++;
                ranks[c][u] = above + 1;
            }
        }
        return new Table(pictures, words, top, ranks, MaxWordRank(wordConcepts.Length));
    }
}

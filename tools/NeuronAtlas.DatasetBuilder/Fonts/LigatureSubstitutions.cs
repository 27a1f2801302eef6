namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>
/// The ligature lookups (GSUB lookup type 4) of a font, applied in lookup-list order. Colour emoji fonts
/// turn ZWJ sequences, flags and keycaps into one glyph this way. Contextual lookups are not applied:
/// this is enough to resolve whole emoji sequences, not a general text shaper.
/// </summary>
public sealed class LigatureSubstitutions
{
    private const int LigatureLookupType = 4;
    private const int ExtensionLookupType = 7;

    /// <summary>A ligature: the glyphs after the first one, and the glyph they all become.</summary>
    private sealed record Ligature(ushort[] Tail, ushort Glyph);

    /// <summary>Per lookup: first glyph → (remaining components, ligature glyph).</summary>
    private readonly List<Dictionary<ushort, List<Ligature>>> _lookups;

    private LigatureSubstitutions(List<Dictionary<ushort, List<Ligature>>> lookups) => _lookups = lookups;

    public int LookupCount => _lookups.Count;

    public static LigatureSubstitutions Read(OpenTypeFontFile font)
    {
        var lookups = new List<Dictionary<ushort, List<Ligature>>>();
        if (!font.HasTable("GSUB"))
            return new LigatureSubstitutions(lookups);
        var gsub = font.Table("GSUB").Span;
        int lookupList = gsub.U16(8);
        int lookupCount = gsub.U16(lookupList);
        for (var i = 0; i < lookupCount; i++)
        {
            var lookup = lookupList + gsub.U16(lookupList + 2 + 2 * i);
            int type = gsub.U16(lookup);
            int subtableCount = gsub.U16(lookup + 4);
            var ligatures = new Dictionary<ushort, List<Ligature>>();
            for (var s = 0; s < subtableCount; s++)
            {
                var subtable = lookup + gsub.U16(lookup + 6 + 2 * s);
                var subtableType = type;
                if (type == ExtensionLookupType)
                {
                    subtableType = gsub.U16(subtable + 2);
                    subtable += gsub.Offset32(subtable + 4);
                }
                if (subtableType == LigatureLookupType)
                    ReadLigatureSubtable(gsub, subtable, ligatures);
            }
            if (ligatures.Count > 0)
                lookups.Add(ligatures);
        }
        return new LigatureSubstitutions(lookups);
    }

    /// <summary>Replaces every run of glyphs that forms a ligature, longest match first, lookup by lookup.</summary>
    public IReadOnlyList<ushort> Apply(IReadOnlyList<ushort> glyphs)
    {
        var current = glyphs.ToList();
        foreach (var lookup in _lookups)
        {
            var next = new List<ushort>(current.Count);
            for (var i = 0; i < current.Count;)
            {
                var match = LongestMatch(lookup, current, i);
                next.Add(match?.Glyph ?? current[i]);
                i += 1 + (match?.Tail.Length ?? 0);
            }
            current = next;
        }
        return current;
    }

    private static Ligature? LongestMatch(
        Dictionary<ushort, List<Ligature>> lookup, List<ushort> glyphs, int start)
    {
        if (!lookup.TryGetValue(glyphs[start], out var candidates))
            return null;
        Ligature? best = null;
        foreach (var candidate in candidates)
        {
            if (start + 1 + candidate.Tail.Length > glyphs.Count) continue;
            if (best is not null && best.Tail.Length >= candidate.Tail.Length) continue;
            if (glyphs.Skip(start + 1).Take(candidate.Tail.Length).SequenceEqual(candidate.Tail))
                best = candidate;
        }
        return best;
    }

    private static void ReadLigatureSubtable(
        ReadOnlySpan<byte> gsub, int subtable, Dictionary<ushort, List<Ligature>> ligatures)
    {
        if (gsub.U16(subtable) != 1)
            throw new InvalidDataException($"Unknown ligature substitution format {gsub.U16(subtable)}.");
        var firstGlyphs = ReadCoverage(gsub, subtable + gsub.U16(subtable + 2));
        int setCount = gsub.U16(subtable + 4);
        for (var k = 0; k < setCount; k++)
        {
            var set = subtable + gsub.U16(subtable + 6 + 2 * k);
            int ligatureCount = gsub.U16(set);
            for (var m = 0; m < ligatureCount; m++)
            {
                var ligature = set + gsub.U16(set + 2 + 2 * m);
                var glyph = gsub.U16(ligature);
                var rest = new ushort[gsub.U16(ligature + 2) - 1];
                for (var c = 0; c < rest.Length; c++)
                    rest[c] = gsub.U16(ligature + 4 + 2 * c);
                if (!ligatures.TryGetValue(firstGlyphs[k], out var list))
                    ligatures[firstGlyphs[k]] = list = [];
                list.Add(new Ligature(rest, glyph));
            }
        }
    }

    /// <summary>The glyphs of a coverage table in coverage-index order.</summary>
    private static List<ushort> ReadCoverage(ReadOnlySpan<byte> gsub, int coverage)
    {
        var glyphs = new List<ushort>();
        int format = gsub.U16(coverage), count = gsub.U16(coverage + 2);
        for (var i = 0; i < count; i++)
        {
            if (format == 1)
            {
                glyphs.Add(gsub.U16(coverage + 4 + 2 * i));
                continue;
            }
            if (format != 2)
                throw new InvalidDataException($"Unknown coverage format {format}.");
            int first = gsub.U16(coverage + 4 + 6 * i), last = gsub.U16(coverage + 6 + 6 * i);
            for (var g = first; g <= last; g++)
                glyphs.Add((ushort)g);
        }
        return glyphs;
    }
}

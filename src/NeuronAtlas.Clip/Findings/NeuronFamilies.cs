namespace NeuronAtlas.Clip.Findings;

/// <summary>A unit in a family, with the concepts whose pictures excite it most.</summary>
public sealed record FamilyUnit(int Unit, string TopConcept, float Activation, IReadOnlyList<string> TopConcepts);

/// <summary>The units whose strongest concepts belong mostly to one emoji group, strongest unit first.</summary>
public sealed record NeuronFamily(string Group, IReadOnlyList<FamilyUnit> Units);

/// <summary>
/// Neuron families, as the article grouped region, emotion and person neurons: each unit joins the emoji group that
/// most of its <see cref="TopConcepts"/> strongest picture concepts belong to; a tie goes to the group of the
/// strongest concept among the tied groups.
/// </summary>
public static class NeuronFamilies
{
    public const int TopConcepts = 5;

    public static IReadOnlyList<NeuronFamily> Group(ConceptActivations pictures, IReadOnlyList<Concept> concepts)
    {
        if (pictures.Concepts != concepts.Count) throw new ArgumentException($"The table needs one row per concept ({concepts.Count}).");
        var present = Enumerable.Range(0, concepts.Count).Where(pictures.HasConcept).ToArray();
        var members = new List<(string Group, FamilyUnit Unit)>();
        for (int u = 0; u < pictures.Units; u++)
        {
            var top = present.OrderByDescending(c => pictures[c, u]).ThenBy(c => c).Take(TopConcepts).ToList();
            var counts = top.GroupBy(c => concepts[c].Group).ToDictionary(g => g.Key, g => g.Count());
            int most = counts.Values.Max();
            var group = top.Select(c => concepts[c].Group).First(g => counts[g] == most);
            members.Add((group, new FamilyUnit(u, concepts[top[0]].Label, pictures[top[0], u], top.Select(c => concepts[c].Label).ToList())));
        }
        return members.GroupBy(m => m.Group)
            .Select(g => new NeuronFamily(g.Key, g.Select(m => m.Unit).OrderByDescending(x => x.Activation).ThenBy(x => x.Unit).ToList()))
            .OrderByDescending(f => f.Units.Count).ThenBy(f => f.Group, StringComparer.Ordinal)
            .ToList();
    }
}

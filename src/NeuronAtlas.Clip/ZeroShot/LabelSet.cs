namespace NeuronAtlas.Clip.ZeroShot;

/// <summary>The class names a zero-shot classifier chooses between, e.g. data/labels/default.txt or a list a user typed.</summary>
public sealed record LabelSet
{
    public const string DefaultName = "default";

    public string Name { get; }
    public IReadOnlyList<string> Labels { get; }

    public LabelSet(string name, IEnumerable<string> labels)
    {
        Name = name;
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels.Select(l => l.Trim()).Where(l => l.Length > 0))
            if (seen.Add(label)) distinct.Add(label);
        if (distinct.Count < 2) throw new ArgumentException($"Label set '{name}' needs at least two distinct labels (it has {distinct.Count}).");
        Labels = distinct;
    }

    public int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++)
            if (string.Equals(Labels[i], label.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>A file with one label per line; blank lines and lines starting with '#' are ignored.</summary>
    public static LabelSet FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Label set not found: {path}", path);
        var labels = File.ReadLines(path).Where(l => !l.TrimStart().StartsWith('#'));
        return new LabelSet(Path.GetFileNameWithoutExtension(path), labels);
    }

    /// <summary>A user-typed list: labels separated by commas, semicolons or new lines.</summary>
    public static LabelSet Parse(string text, string name = "custom") =>
        new(name, text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The shipped set data/labels/{name}.txt.</summary>
    public static LabelSet Shipped(string repoRoot, string name = DefaultName) =>
        FromFile(Path.Combine(repoRoot, "data", "labels", name + ".txt"));

    /// <summary>A shipped set's name, a file path, or a comma-separated list, in that order.</summary>
    public static LabelSet Resolve(string nameFileOrList, string repoRoot)
    {
        var shipped = Path.Combine(repoRoot, "data", "labels", nameFileOrList + ".txt");
        if (File.Exists(shipped)) return FromFile(shipped);
        if (File.Exists(nameFileOrList)) return FromFile(nameFileOrList);
        if (nameFileOrList.Contains(',') || nameFileOrList.Contains(';')) return Parse(nameFileOrList);
        throw new FileNotFoundException(
            $"'{nameFileOrList}' is neither a label set under {Path.Combine(repoRoot, "data", "labels")}, a file, nor a comma-separated list of labels.");
    }
}

using System.IO.Compression;
using System.Text.Json;
using NeuronAtlas.DatasetBuilder.Catalog;
using NeuronAtlas.DatasetBuilder.Output;
using NeuronAtlas.DatasetBuilder.Words;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.DatasetBuilder.Verification;

/// <summary>
/// Checks a dataset folder against the format the builder writes: every labels.csv row has a JPEG in
/// images.zip that decodes (with ImageSharp, an independent decoder) to a square of the declared size,
/// the zip holds nothing else, dataset.json agrees with the rows, and every concept has several styles.
/// Word datasets (labels.csv with a last `text` column) are checked the same way.
/// </summary>
public static class DatasetVerifier
{
    private const int MaxProblemsPerKind = 20;

    public static DatasetVerification Verify(string directory)
    {
        var problems = new List<string>();
        string[] required = [DatasetWriter.ManifestFile, DatasetWriter.LabelsFile, DatasetWriter.ImagesFile, DatasetWriter.LicensesFile];
        var missing = required.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
            return new([$"missing file(s) in {directory}: {string.Join(", ", missing)}"], 0, 0, new Dictionary<string, int>(), 0);
        var totalBytes = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);

        var rows = ReadLabels(Path.Combine(directory, DatasetWriter.LabelsFile), problems);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, DatasetWriter.ManifestFile)));
        var root = manifest.RootElement;
        var imageSize = root.TryGetProperty("imageSize", out var size) ? size.GetInt32() : (int?)null;
        CheckImages(Path.Combine(directory, DatasetWriter.ImagesFile), rows, imageSize, problems);
        CheckManifest(root, rows, problems);

        var stylesPerConcept = rows.GroupBy(r => r.Concept).ToDictionary(g => g.Key, g => g.Select(r => r.Style).Distinct().Count());
        foreach (var (concept, count) in stylesPerConcept.Where(c => c.Value < ConceptSelector.MinimumStyles).Take(MaxProblemsPerKind))
            problems.Add($"concept {concept} has only {count} style(s); at least {ConceptSelector.MinimumStyles} expected");

        var perStyle = rows.GroupBy(r => r.Style).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new DatasetVerification(problems, rows.Count, stylesPerConcept.Count, perStyle, totalBytes);
    }

    /// <summary>An image dataset's header, or a word dataset's (one more column, the rendered text).</summary>
    private static readonly string[][] AcceptedHeaders = [DatasetWriter.LabelsHeader, WordDatasetWriter.LabelsHeader];

    private sealed record LabelRow(string File, string Label, string Concept, string Style, string Source);

    private static List<LabelRow> ReadLabels(string path, List<string> problems)
    {
        var table = CsvFormat.Parse(File.ReadAllText(path));
        var header = table.Count == 0 ? null : AcceptedHeaders.FirstOrDefault(h => table[0].SequenceEqual(h));
        if (header is null)
        {
            problems.Add($"labels.csv header must be {string.Join(" or ", AcceptedHeaders.Select(h => $"'{string.Join(',', h)}'"))}");
            return [];
        }
        var rows = new List<LabelRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var line = 1; line < table.Count; line++)
        {
            var fields = table[line];
            if (fields.Length != header.Length || fields.Any(string.IsNullOrWhiteSpace))
                problems.Add($"labels.csv row {line + 1}: expected {header.Length} non-empty fields, got [{string.Join("|", fields)}]");
            else if (!seen.Add(fields[0]))
                problems.Add($"labels.csv row {line + 1}: file {fields[0]} is listed twice");
            else
                rows.Add(new LabelRow(fields[0], fields[1], fields[2], fields[3], fields[4]));
        }
        if (rows.Count == 0) problems.Add("labels.csv lists no images");
        return rows;
    }

    private static void CheckImages(string zipPath, List<LabelRow> rows, int? imageSize, List<string> problems)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
        var bad = 0;
        foreach (var row in rows)
        {
            var problem = CheckImage(entries.GetValueOrDefault(row.File), imageSize);
            if (problem is null) continue;
            if (++bad <= MaxProblemsPerKind) problems.Add($"{row.File}: {problem}");
        }
        if (bad > MaxProblemsPerKind) problems.Add($"... and {bad - MaxProblemsPerKind} more bad images");
        var listed = rows.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        var extra = entries.Keys.Where(k => !listed.Contains(k)).ToList();
        if (extra.Count > 0)
            problems.Add($"images.zip holds {extra.Count} entries not in labels.csv, e.g. {extra[0]}");
    }

    private static string? CheckImage(ZipArchiveEntry? entry, int? imageSize)
    {
        if (entry is null) return "not in images.zip";
        try
        {
            using var stream = entry.Open();
            using var image = Image.Load<Rgb24>(stream, out var format);
            if (format.Name != "JPEG") return $"is {format.Name}, not JPEG";
            if (image.Width != image.Height) return $"is {image.Width}x{image.Height}, not square";
            if (imageSize is { } s && image.Width != s) return $"is {image.Width} px, dataset.json says {s}";
            return null;
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidDataException)
        {
            return $"does not decode: {e.Message.Split('\n')[0].Trim()}";
        }
    }

    private static void CheckManifest(JsonElement root, List<LabelRow> rows, List<string> problems)
    {
        if (!root.TryGetProperty("imageCount", out var count) || count.GetInt32() != rows.Count)
            problems.Add($"dataset.json imageCount is not {rows.Count} (the labels.csv row count)");
        var declaredStyles = root.TryGetProperty("styles", out var styles)
            ? styles.EnumerateArray().Select(s => s.GetString()).ToHashSet() : [];
        foreach (var style in rows.Select(r => r.Style).Distinct().Where(s => !declaredStyles.Contains(s)))
            problems.Add($"style {style} is used in labels.csv but not declared in dataset.json styles");
        var declaredSources = root.TryGetProperty("sources", out var sources)
            ? sources.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToHashSet() : [];
        foreach (var source in rows.Select(r => r.Source).Distinct().Where(s => !declaredSources.Contains(s)))
            problems.Add($"source {source} is used in labels.csv but not declared in dataset.json sources");
        foreach (var key in new[] { "name", "displayName", "description" })
            if (!root.TryGetProperty(key, out var value) || string.IsNullOrWhiteSpace(value.GetString()))
                problems.Add($"dataset.json has no {key}");
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeuronAtlas.DatasetBuilder.Catalog;

namespace NeuronAtlas.DatasetBuilder.Output;

/// <summary>
/// Writes a dataset folder: dataset.json, labels.csv, concepts.csv, images.zip and LICENSES.md.
/// Output bytes depend only on the arguments (fixed order, UTF-8 without BOM, LF line ends).
/// </summary>
public static class DatasetWriter
{
    public const string ManifestFile = "dataset.json";
    public const string LabelsFile = "labels.csv";
    public const string ConceptsFile = "concepts.csv";
    public const string ImagesFile = "images.zip";
    public const string LicensesFile = "LICENSES.md";

    public static readonly string[] LabelsHeader = ["file", "label", "concept", "style", "source"];
    public static readonly string[] ConceptsHeader = ["concept", "label", "emoji", "group", "subgroup", "keywords", "styles"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>UTF-8 without a byte order mark, as every text file of a dataset is written.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="images">Sorted by file name.</param>
    public static void Write(string directory, DatasetManifest manifest, IReadOnlyList<DatasetImage> images, IReadOnlyList<DatasetConcept> concepts)
    {
        Directory.CreateDirectory(directory);
        WriteManifest(directory, manifest);
        File.WriteAllText(Path.Combine(directory, LabelsFile), LabelsCsv(images), Utf8);
        File.WriteAllText(Path.Combine(directory, ConceptsFile), ConceptsCsv(concepts), Utf8);
        DeterministicZip.Write(Path.Combine(directory, ImagesFile), images.Select(i => (i.File, i.Jpeg)));
        var imagesPerSource = images.GroupBy(i => i.Source).ToDictionary(g => g.Key, g => g.Count());
        File.WriteAllText(Path.Combine(directory, LicensesFile), LicensesDocument.Render(manifest.Sources, imagesPerSource), Utf8);
    }

    /// <summary>Writes dataset.json: indented camel-case JSON with LF line ends.</summary>
    public static void WriteManifest(string directory, DatasetManifest manifest) =>
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, Json) + "\n", Utf8);

    private static string LabelsCsv(IReadOnlyList<DatasetImage> images)
    {
        var csv = new StringBuilder(CsvFormat.Row(LabelsHeader));
        foreach (var image in images)
            csv.Append(CsvFormat.Row(image.File, image.Label, image.Concept, image.Style, image.Source));
        return csv.ToString();
    }

    private static string ConceptsCsv(IReadOnlyList<DatasetConcept> concepts)
    {
        var csv = new StringBuilder(CsvFormat.Row(ConceptsHeader));
        foreach (var c in concepts)
            csv.Append(CsvFormat.Row(
                c.Id, c.Entry.Name, c.Entry.Sequence.Text, c.Entry.Group, c.Entry.Subgroup,
                string.Join(" | ", c.Keywords), string.Join(' ', c.Styles.Select(s => s.Style))));
        return csv.ToString();
    }
}

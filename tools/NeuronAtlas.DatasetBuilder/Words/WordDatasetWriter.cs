using System.Text;
using NeuronAtlas.DatasetBuilder.Output;

namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// Writes a word dataset folder in the emoji dataset's format (dataset.json, labels.csv, images.zip, LICENSES.md),
/// labels.csv having one more last column, `text`: the rendered string. Bytes depend only on the arguments.
/// </summary>
public static class WordDatasetWriter
{
    public static readonly string[] LabelsHeader = [.. DatasetWriter.LabelsHeader, "text"];

    /// <param name="images">Sorted by file name.</param>
    public static void Write(string directory, DatasetManifest manifest, IReadOnlyList<WordImage> images, string licenses)
    {
        Directory.CreateDirectory(directory);
        DatasetWriter.WriteManifest(directory, manifest);
        var csv = new StringBuilder(CsvFormat.Row(LabelsHeader));
        foreach (var i in images)
            csv.Append(CsvFormat.Row(i.File, i.Label, i.Concept, i.Style, i.Source, i.Text));
        File.WriteAllText(Path.Combine(directory, DatasetWriter.LabelsFile), csv.ToString(), DatasetWriter.Utf8);
        DeterministicZip.Write(Path.Combine(directory, DatasetWriter.ImagesFile), images.Select(i => (i.File, i.Jpeg)));
        File.WriteAllText(Path.Combine(directory, DatasetWriter.LicensesFile), licenses, DatasetWriter.Utf8);
    }
}

using System.IO.Compression;

namespace NeuronAtlas.Core.Datasets;

/// <summary>
/// A packaged dataset folder: labels.csv (file,label,concept,style,source) and images.zip holding the files it names.
/// This is the format of the shipped datasets under data/datasets/.
/// </summary>
public sealed class ZipDatasetSource : IImageSource
{
    private readonly ZipArchive _zip;
    private readonly ImageRecord[] _records;
    private readonly Lock _gate = new();

    public string Name { get; }
    public int Count => _records.Length;

    public ZipDatasetSource(string folder)
    {
        var labels = Path.Combine(folder, "labels.csv");
        var images = Path.Combine(folder, "images.zip");
        if (!File.Exists(labels) || !File.Exists(images))
            throw new FileNotFoundException($"{folder} is not a packaged dataset: it needs labels.csv and images.zip.");
        Name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        using (var reader = new StreamReader(labels))
        {
            var rows = CsvReader.ReadRows(reader).ToList();
            if (rows.Count == 0 || rows[0].Length < 2 || rows[0][0] != "file" || rows[0][1] != "label")
                throw new InvalidDataException($"{labels} must start with the header file,label,concept,style,source.");
            _records = rows.Skip(1).Where(r => r.Length >= 2 && r[0].Length > 0)
                .Select(r => new ImageRecord(r[0], r[1], At(r, 2), At(r, 3), At(r, 4))).ToArray();
        }
        _zip = ZipFile.OpenRead(images);
        var missing = _records.Select(r => r.File).Where(f => _zip.GetEntry(f) is null).Take(5).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"images.zip lacks files named in labels.csv, e.g. {string.Join(", ", missing)}.");
    }

    private static string At(string[] row, int i) => i < row.Length ? row[i] : "";

    public ImageRecord Describe(int index) => _records[index];

    public byte[] ReadBytes(int index)
    {
        lock (_gate)
        {
            var entry = _zip.GetEntry(_records[index].File)!;
            using var stream = entry.Open();
            var bytes = new byte[entry.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
    }

    public void Dispose() => _zip.Dispose();
}

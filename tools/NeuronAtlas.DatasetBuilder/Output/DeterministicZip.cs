using System.IO.Compression;

namespace NeuronAtlas.DatasetBuilder.Output;

/// <summary>
/// Writes a zip whose bytes depend only on the entries given: stored (JPEG does not compress
/// further), in the given order, with a fixed timestamp and fixed file permissions.
/// </summary>
public static class DeterministicZip
{
    public static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>rw-r--r-- in the Unix mode bits that unzip reads from the high 16 bits.</summary>
    private const int UnixFileMode644 = 0b110_100_100 << 16;

    public static void Write(string path, IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTimestamp;
            entry.ExternalAttributes = UnixFileMode644;
            using var stream = entry.Open();
            stream.Write(content);
        }
    }
}

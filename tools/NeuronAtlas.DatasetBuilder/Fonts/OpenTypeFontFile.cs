using System.Buffers.Binary;
using System.Text;

namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>An OpenType/TrueType font file held in memory, giving access to its tables by tag.</summary>
public sealed class OpenTypeFontFile
{
    private readonly byte[] _bytes;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;

    private OpenTypeFontFile(byte[] bytes, Dictionary<string, (int, int)> tables)
    {
        _bytes = bytes;
        _tables = tables;
    }

    public static OpenTypeFontFile Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12)
            throw new InvalidDataException($"{path} is too short to be a font file.");
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < tableCount; i++)
        {
            var record = bytes.AsSpan(12 + 16 * i, 16);
            var tag = Encoding.ASCII.GetString(record[..4]);
            var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]));
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
            if (offset + (long)length > bytes.Length)
                throw new InvalidDataException($"{path}: table '{tag}' runs past the end of the file.");
            tables[tag] = (offset, length);
        }
        return new OpenTypeFontFile(bytes, tables);
    }

    /// <summary>A Windows Unicode (platform 3, encoding 1) string from the 'name' table, e.g. id 5 = version.</summary>
    public string? Name(int nameId)
    {
        var table = Table("name").Span;
        int count = table.U16(2), stringsStart = table.U16(4);
        for (var i = 0; i < count; i++)
        {
            var record = 6 + 12 * i;
            if (table.U16(record) != 3 || table.U16(record + 2) != 1 || table.U16(record + 6) != nameId) continue;
            int length = table.U16(record + 8), offset = table.U16(record + 10);
            return Encoding.BigEndianUnicode.GetString(table.Slice(stringsStart + offset, length));
        }
        return null;
    }

    public bool HasTable(string tag) => _tables.ContainsKey(tag);

    public ReadOnlyMemory<byte> Table(string tag) =>
        _tables.TryGetValue(tag, out var t)
            ? _bytes.AsMemory(t.Offset, t.Length)
            : throw new InvalidDataException($"The font has no '{tag}' table.");
}

using System.Buffers.Binary;

namespace NeuronAtlas.DatasetBuilder.Fonts;

/// <summary>Big-endian reads at absolute offsets inside one font table.</summary>
internal static class FontSpan
{
    public static ushort U16(this ReadOnlySpan<byte> table, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(table[offset..]);

    public static uint U32(this ReadOnlySpan<byte> table, int offset) =>
        BinaryPrimitives.ReadUInt32BigEndian(table[offset..]);

    public static int Offset32(this ReadOnlySpan<byte> table, int offset) =>
        checked((int)BinaryPrimitives.ReadUInt32BigEndian(table[offset..]));
}

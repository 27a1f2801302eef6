namespace NeuronAtlas.Clip.Text;

/// <summary>
/// GPT-2/CLIP's reversible map from the 256 byte values to printable characters
/// (bytes_to_unicode in openai/CLIP's simple_tokenizer.py).
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Byte values in vocabulary order: the printable Latin-1 bytes first, then the rest.</summary>
    public static IReadOnlyList<byte> BytesInVocabularyOrder { get; }

    /// <summary>The character that stands for each byte value.</summary>
    public static IReadOnlyList<char> CharacterOfByte { get; }

    static ByteLevelAlphabet()
    {
        var order = new List<byte>(256);
        var characters = new char[256];
        for (int value = 0; value < 256; value++)
        {
            if (IsPrintable(value))
            {
                order.Add((byte)value);
                characters[value] = (char)value;
            }
        }
        int shift = 0;
        for (int value = 0; value < 256; value++)
        {
            if (!IsPrintable(value))
            {
                order.Add((byte)value);
                characters[value] = (char)(256 + shift++);
            }
        }
        BytesInVocabularyOrder = order;
        CharacterOfByte = characters;
    }

    private static bool IsPrintable(int value) =>
        value is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
}

namespace NeuronAtlas.DatasetBuilder.Catalog;

/// <summary>One fully-qualified emoji from Unicode's emoji-test.txt.</summary>
public sealed record EmojiEntry(EmojiSequence Sequence, string Name, string Group, string Subgroup)
{
    private static readonly int[] SkinToneModifiers = [0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF];

    public bool HasSkinTone => Sequence.CodePoints.Any(SkinToneModifiers.Contains);

    /// <summary>Skin tone swatches, hair styles and other parts that only exist to be combined.</summary>
    public bool IsComponent => Group == "Component";
}

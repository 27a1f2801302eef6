namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>One rendered word: a row of labels.csv (with the rendered <paramref name="Text"/>) and its JPEG bytes.</summary>
public sealed record WordImage(string File, string Label, string Concept, string Style, string Source, string Text, byte[] Jpeg);

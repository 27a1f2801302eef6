namespace NeuronAtlas.DatasetBuilder.Output;

/// <summary>One image of the dataset: a row of labels.csv plus the JPEG bytes stored in images.zip.</summary>
public sealed record DatasetImage(string File, string Label, string Concept, string Style, string Source, byte[] Jpeg);

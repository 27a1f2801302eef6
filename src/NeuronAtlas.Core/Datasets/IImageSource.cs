namespace NeuronAtlas.Core.Datasets;

/// <summary>An ordered, indexable set of images. Index order is the dataset order every pass uses.</summary>
public interface IImageSource : IDisposable
{
    string Name { get; }
    int Count { get; }
    ImageRecord Describe(int index);
    /// <summary>The original file bytes. Safe to call from several threads.</summary>
    byte[] ReadBytes(int index);
}

/// <summary>What is known about a dataset image besides its pixels.</summary>
public sealed record ImageRecord(string File, string Label, string Concept = "", string Style = "", string Source = "");

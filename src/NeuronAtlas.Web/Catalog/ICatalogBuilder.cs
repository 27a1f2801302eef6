using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Computes a catalog into a file. The app uses the embedded default; tests substitute their own.</summary>
public interface ICatalogBuilder
{
    Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, CancellationToken ct);
}

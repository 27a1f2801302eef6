using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Computes a catalog into a file. The app uses the embedded default; tests substitute their own.</summary>
public interface ICatalogBuilder
{
    /// <param name="modelBuilt">
    /// Called after each model is complete in <paramref name="catalogPath"/>, with the ids of the models still to build, so
    /// the app can serve the finished ones meanwhile; nothing writes to the file during the call.
    /// </param>
    Task BuildAsync(string catalogPath, IProgress<DatasetPassProgress> progress, Action<IReadOnlyList<string>> modelBuilt, CancellationToken ct);
}

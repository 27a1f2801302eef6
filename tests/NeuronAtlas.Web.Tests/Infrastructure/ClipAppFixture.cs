namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The tiny CLIP catalog and one app over it, shared by the tests of a class.</summary>
public sealed class ClipAppFixture : IDisposable
{
    public ClipTestCatalog Catalog { get; } = new();
    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    public ClipAppFixture()
    {
        Factory = new AtlasWebFactory(Catalog.Path, Catalog.Settings());
        Client = Factory.CreateAtlasClient();
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Catalog.Dispose();
    }
}

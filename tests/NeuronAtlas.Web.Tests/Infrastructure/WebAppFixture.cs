namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>One test catalog and one app over it, shared by the tests of a class.</summary>
public sealed class WebAppFixture : IDisposable
{
    public TestCatalog Catalog { get; } = new();
    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    public WebAppFixture()
    {
        Factory = new AtlasWebFactory(Catalog.Path);
        Client = Factory.CreateAtlasClient();
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Catalog.Dispose();
    }
}

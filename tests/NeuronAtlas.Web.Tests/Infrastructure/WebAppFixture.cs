namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>One test catalog and one app over it (in memory, or on a real Kestrel port), shared by the tests of a class.</summary>
public class WebAppFixture : IDisposable
{
    public TestCatalog Catalog { get; } = new();
    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    public WebAppFixture() : this(kestrel: false)
    {
    }

    protected WebAppFixture(bool kestrel)
    {
        Factory = kestrel ? AtlasWebFactory.StartKestrel(Catalog.Path) : new AtlasWebFactory(Catalog.Path);
        Client = Factory.CreateAtlasClient();
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Catalog.Dispose();
    }
}

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The test catalog (ResNet18) on a batching Kestrel app (<see cref="KestrelBatchingAppFixture"/>).</summary>
public sealed class KestrelResNetBatchingAppFixture : KestrelBatchingAppFixture
{
    private readonly TestCatalog _catalog;

    public KestrelResNetBatchingAppFixture() : this(new TestCatalog())
    {
    }

    private KestrelResNetBatchingAppFixture(TestCatalog catalog) : base(catalog.Path) => _catalog = catalog;

    public override string ModelId => TestCatalog.Model;

    public override void Dispose()
    {
        base.Dispose();
        _catalog.Dispose();
    }
}

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The tiny CLIP catalog on a batching Kestrel app (<see cref="KestrelBatchingAppFixture"/>).</summary>
public sealed class KestrelClipBatchingAppFixture : KestrelBatchingAppFixture
{
    private readonly ClipTestCatalog _catalog;

    public KestrelClipBatchingAppFixture() : this(new ClipTestCatalog())
    {
    }

    private KestrelClipBatchingAppFixture(ClipTestCatalog catalog) : base(catalog.Path, catalog.Settings()) => _catalog = catalog;

    public override string ModelId => ClipTestCatalog.Model;

    public override void Dispose()
    {
        base.Dispose();
        _catalog.Dispose();
    }
}

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>
/// The tiny CLIP catalog with small live-visualization bounds: 2 run slots, 3 queue places, renderers freed as soon as
/// they are idle, an intermediate image every 2 steps; in memory, or on a real Kestrel port.
/// </summary>
public class VisualizeAppFixture : IDisposable
{
    public const int MaxConcurrentRuns = 2;
    public const int MaxQueued = 3;
    public const int ProgressImageEvery = 2;

    public ClipTestCatalog Catalog { get; } = new();
    public AtlasWebFactory Factory { get; }
    public HttpClient Client { get; }

    public VisualizeAppFixture() : this(kestrel: false)
    {
    }

    protected VisualizeAppFixture(bool kestrel)
    {
        var settings = Catalog.Settings();
        settings["Visualize:MaxConcurrentRuns"] = MaxConcurrentRuns.ToString();
        settings["Visualize:MaxQueued"] = MaxQueued.ToString();
        settings["Visualize:RendererIdleSeconds"] = "0";
        settings["Visualize:ProgressImageEvery"] = ProgressImageEvery.ToString();
        settings["Visualize:MinImageSize"] = "16";
        Factory = kestrel ? AtlasWebFactory.StartKestrel(Catalog.Path, settings) : new AtlasWebFactory(Catalog.Path, settings);
        Client = Factory.CreateAtlasClient();
        Client.Timeout = TimeSpan.FromMinutes(5);
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Catalog.Dispose();
    }
}

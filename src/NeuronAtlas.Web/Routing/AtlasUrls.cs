namespace NeuronAtlas.Web.Routing;

/// <summary>The site's URLs, relative to its root. Pages, JSON API and images all link through here.</summary>
public static class AtlasUrls
{
    public static string Model(string model) => $"/models/{E(model)}";
    public static string Layer(string model, string layer) => $"/models/{E(model)}/{E(layer)}";
    public static string LayerPage(string model, string layer, int page) =>
        page <= 1 ? Layer(model, layer) : $"{Layer(model, layer)}?page={page}";
    public static string Neuron(string model, string layer, int index) => $"/models/{E(model)}/{E(layer)}/{index}";
    /// <summary>The article's findings for a model (precompute findings).</summary>
    public static string Findings(string model) => $"/models/{E(model)}/findings";
    /// <summary>The neuron-family index of a model's findings.</summary>
    public static string Families(string model) => $"/models/{E(model)}/findings/families";

    public static string ModelsApi() => "/api/models";
    public static string ModelApi(string model) => $"/api/models/{E(model)}";
    public static string LayerApi(string model, string layer) => $"/api/models/{E(model)}/layers/{E(layer)}";
    public static string NeuronApi(string model, string layer, int index) => $"{LayerApi(model, layer)}/neurons/{index}";
    public static string FindingsApi(string model) => $"/api/models/{E(model)}/findings";

    /// <summary>A dataset thumbnail, addressed by content hash (cached as immutable).</summary>
    public static string Image(string hash) => $"/images/{E(hash)}.jpg";

    /// <summary>A feature visualization PNG, addressed by content hash (cached as immutable).</summary>
    public static string FeatureVisualization(string hash) => $"/featurevis/{E(hash)}.png";

    /// <summary>The heatmap of an example; the catalog version in the query makes immutable caching safe across rebuilds.</summary>
    public static string Heatmap(string model, string layer, int index, int rank, long catalogVersion) =>
        $"/heatmaps/{E(model)}/{E(layer)}/{index}/{rank}.png?v={catalogVersion}";

    /// <summary>The live visualizer for an objective; the seed, steps and size are left to the page's defaults when null.</summary>
    public static string Visualize(string model, string objective, int? seed = null, int? steps = null, int? size = null)
    {
        var url = $"/visualize?model={E(model)}&objective={E(objective)}";
        if (seed is { } s) url += $"&seed={s}";
        if (steps is { } n) url += $"&steps={n}";
        if (size is { } z) url += $"&size={z}";
        return url;
    }

    /// <summary>The neuron search page for a query.</summary>
    public static string Search(string query) => $"/search?q={E(query)}";

    private static string E(string segment) => Uri.EscapeDataString(segment);
}

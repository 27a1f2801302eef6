namespace NeuronAtlas.Web.Options;

/// <summary>The "ZeroShot" section of appsettings.json: CLIP zero-shot labels on the lookup and typographic pages.</summary>
public sealed class ZeroShotOptions
{
    public const string Section = "ZeroShot";

    /// <summary>The shipped label set (data/labels/{name}.txt) used when the visitor types none. Defaults to "default".</summary>
    public string LabelSet { get; set; } = "default";

    /// <summary>Prompt templates, each with a "{}" slot for the label; empty uses the built-in ten. Defaults to empty.</summary>
    public string[] PromptTemplates { get; set; } = [];

    /// <summary>How many labels to show. Defaults to 5.</summary>
    public int Top { get; set; } = 5;

    /// <summary>Most labels a visitor may type (each costs one text-encoder run per template). Defaults to 100.</summary>
    public int MaxCustomLabels { get; set; } = 100;

    /// <summary>Longest typed label list, in characters. Defaults to 4000.</summary>
    public int MaxCustomLabelsLength { get; set; } = 4000;

    /// <summary>
    /// Labels the classifiers of typed label lists may hold together in memory (a list of n labels counts n); the least
    /// recently used lists are dropped beyond it. Defaults to 2000.
    /// </summary>
    public int CustomClassifierCacheLabels { get; set; } = 2000;

    /// <summary>Where the default label set's text embeddings are cached between runs; must be writable. Defaults to "data/cache/zero-shot".</summary>
    public string CacheDirectory { get; set; } = "data/cache/zero-shot";

    /// <summary>
    /// Prepare the CLIP models' default label embeddings and the neuron search in the background once the catalog is
    /// open, instead of on the first request. Defaults to true.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <param name="dataRoot">Atlas:DataRoot made absolute; a relative <see cref="CacheDirectory"/> resolves against it.</param>
    public string CacheFullPath(string dataRoot) => Path.GetFullPath(Path.Combine(dataRoot, CacheDirectory));
}

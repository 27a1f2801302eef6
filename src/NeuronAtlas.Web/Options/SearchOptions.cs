namespace NeuronAtlas.Web.Options;

/// <summary>The "Search" section of appsettings.json: neuron search by text.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Hits returned when the request names no count. Defaults to 20.</summary>
    public int DefaultTop { get; set; } = 20;

    /// <summary>Most hits one request may ask for. Defaults to 100.</summary>
    public int MaxTop { get; set; } = 100;

    /// <summary>Longest query, in characters. Defaults to 200.</summary>
    public int MaxQueryLength { get; set; } = 200;
}

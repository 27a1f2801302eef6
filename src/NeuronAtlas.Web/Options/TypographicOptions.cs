namespace NeuronAtlas.Web.Options;

/// <summary>The "Typographic" section of appsettings.json: the typographic attack lab (/typographic, POST /api/typographic).</summary>
public sealed class TypographicOptions
{
    public const string Section = "Typographic";

    /// <summary>Longest text to draw, in characters. Defaults to 40.</summary>
    public int MaxTextLength { get; set; } = 40;

    /// <summary>The neurons listed per layer as changing most. Defaults to 8.</summary>
    public int ChangedNeurons { get; set; } = 8;
}

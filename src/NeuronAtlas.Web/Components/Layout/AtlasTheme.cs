using MudBlazor;

namespace NeuronAtlas.Web.Components.Layout;

/// <summary>The site's MudBlazor theme.</summary>
public static class AtlasTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b2a6b",
            Secondary = "#e0702a",
            AppbarBackground = "#241a44",
        },
    };
}

using System.Globalization;

namespace NeuronAtlas.Web.Components.Pages.Findings;

/// <summary>How the findings pages print shares and numbers.</summary>
public static class FindingsFormat
{
    public static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

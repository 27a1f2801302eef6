using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Reads the objective of a live render with FeatureVis's one parser (<see cref="ObjectiveExpression"/>, which knows
/// text:"a phrase" for CLIP models), then refuses what a live render cannot show. Every problem is an
/// <see cref="ObjectiveSyntaxException"/> with the position it was found at.
/// </summary>
public static class VisualizeObjectiveParser
{
    /// <summary>The syntax, for the page and the API description.</summary>
    public const string Syntax = ObjectiveExpression.Syntax;

    /// <param name="textDirection">
    /// For CLIP models, gives a phrase's unit text embedding (called only for text terms); null for other models.
    /// </param>
    public static LayerObjective Parse(string text, ModelManifest manifest, Func<string, float[]>? textDirection) =>
        Check(ObjectiveExpression.Parse(text, manifest, textDirection), text);

    /// <summary>A live render optimizes one image, so objectives that compare batch items (diversity) cannot be shown.</summary>
    private static LayerObjective Check(LayerObjective objective, string text)
    {
        if (objective.HasDiversity)
        {
            int at = Math.Max(0, text.IndexOf("diversity", StringComparison.OrdinalIgnoreCase));
            throw new ObjectiveSyntaxException("diversity compares several images; a live render makes one, so leave it out", text, at);
        }
        if (!objective.HasPerItemTerms) throw new ObjectiveSyntaxException("The objective has nothing to maximize", text, 0);
        return objective;
    }
}

using System.Text.RegularExpressions;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.Web.Visualize.Objectives;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Reads the objective of a live render: FeatureVis's expression syntax (<see cref="ObjectiveExpression"/>) or, for CLIP
/// models, text:"a phrase" (maximize the cosine between the image embedding and the phrase's text embedding).
/// Every problem is an <see cref="ObjectiveSyntaxException"/> with the position it was found at.
/// </summary>
public static partial class VisualizeObjectiveParser
{
    public const int MaxTextLength = 200;

    /// <summary>The syntax, for the page and the API description.</summary>
    public const string Syntax = ObjectiveExpression.Syntax +
        " CLIP models also take text:\"a spider\" (the cosine between the image's CLIP embedding and the text's), as the whole objective.";

    /// <param name="textDirection">
    /// For CLIP models, gives a phrase's unit text embedding (called only for text objectives); null for other models.
    /// </param>
    public static LayerObjective Parse(string text, ModelManifest manifest, Func<string, float[]>? textDirection)
    {
        ArgumentNullException.ThrowIfNull(text);
        var textKeyword = TextKeyword().Match(text);
        if (!textKeyword.Success)
            return Check(ObjectiveExpression.Parse(text, manifest), text);
        if (text[..textKeyword.Index].Trim().Length > 0)
            throw new ObjectiveSyntaxException("text:\"...\" must be the whole objective; it cannot be combined with other terms yet", text, textKeyword.Index);

        var (phrase, phraseAt) = ReadPhrase(text, textKeyword.Index + textKeyword.Length);
        if (textDirection is null) throw new ObjectiveSyntaxException(
            $"Model '{manifest.Id}' is not a CLIP model, so it has no text embedding; use a layer objective such as {manifest.Layers[0].Id}:0",
            text, textKeyword.Index);
        if (phrase.Length > MaxTextLength)
            throw new ObjectiveSyntaxException($"The text is {phrase.Length} characters long; the limit is {MaxTextLength}", text, phraseAt);
        return LayerObjective.FromTerm(new TextCosineTerm(EmbeddingLayer.Id, phrase, textDirection(phrase)));
    }

    /// <summary>The phrase after "text:": quoted ("a spider" or 'a spider', nothing after the closing quote) or the bare rest.</summary>
    private static (string Phrase, int Position) ReadPhrase(string text, int start)
    {
        int at = start;
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        if (at == text.Length) throw new ObjectiveSyntaxException("Expected the text after 'text:', e.g. text:\"a spider\"", text, at);
        string phrase;
        if (text[at] is '"' or '\'')
        {
            int close = text.IndexOf(text[at], at + 1);
            if (close < 0) throw new ObjectiveSyntaxException($"The text has no closing {text[at]}", text, at);
            int rest = close + 1;
            while (rest < text.Length && char.IsWhiteSpace(text[rest])) rest++;
            if (rest < text.Length)
                throw new ObjectiveSyntaxException("text:\"...\" must be the whole objective; it cannot be combined with other terms yet", text, rest);
            phrase = text[(at + 1)..close].Trim();
        }
        else
        {
            phrase = text[at..].Trim();
        }
        if (phrase.Length == 0) throw new ObjectiveSyntaxException("The text is empty", text, at);
        return (phrase, at);
    }

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

    [GeneratedRegex(@"\btext\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex TextKeyword();
}

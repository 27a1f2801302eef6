namespace NeuronAtlas.FeatureVis.Objectives;

internal enum ObjectiveTokenKind { Number, Name, Colon, Text, Open, Close, Plus, Minus, Times, Divide, End }

/// <summary>One token of an objective expression and where it starts.</summary>
internal readonly record struct ObjectiveToken(ObjectiveTokenKind Kind, string Text, int Position)
{
    public string Shown => Kind == ObjectiveTokenKind.End ? "the end" : $"'{Text}'";

    /// <summary>
    /// Splits an expression into tokens; names are letters, digits, '_' and '.', starting with a letter or '_'.
    /// <c>text:</c> followed by a quoted phrase ("a spider" or 'a spider') gives the tokens text, ':' and the phrase;
    /// unquoted, the phrase is the rest of the expression.
    /// </summary>
    public static List<ObjectiveToken> Split(string text)
    {
        var tokens = new List<ObjectiveToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                if (i < text.Length && text[i] is 'e' or 'E' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] is '-' or '+'))
                {
                    i += 2;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                tokens.Add(new(ObjectiveTokenKind.Number, text[start..i], start));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                tokens.Add(new(ObjectiveTokenKind.Name, text[start..i], start));
                if (text[start..i].Equals(TextKeyword, StringComparison.OrdinalIgnoreCase)) i = SplitPhrase(text, i, tokens);
                continue;
            }
            var kind = c switch
            {
                ':' => ObjectiveTokenKind.Colon,
                '(' => ObjectiveTokenKind.Open,
                ')' => ObjectiveTokenKind.Close,
                '+' => ObjectiveTokenKind.Plus,
                '-' => ObjectiveTokenKind.Minus,
                '*' or '×' => ObjectiveTokenKind.Times,
                '/' => ObjectiveTokenKind.Divide,
                _ => throw new ObjectiveSyntaxException($"Unexpected character '{c}'", text, i),
            };
            tokens.Add(new(kind, c.ToString(), start));
            i++;
        }
        tokens.Add(new(ObjectiveTokenKind.End, "", text.Length));
        return tokens;
    }

    private const string TextKeyword = "text";

    /// <summary>After the keyword text: reads ':' and the phrase; returns where splitting goes on. A digit after ':' is a layer named text.</summary>
    private static int SplitPhrase(string text, int afterKeyword, List<ObjectiveToken> tokens)
    {
        int colon = SkipSpace(text, afterKeyword);
        if (colon == text.Length || text[colon] != ':') return afterKeyword;
        int at = SkipSpace(text, colon + 1);
        if (at < text.Length && char.IsAsciiDigit(text[at])) return afterKeyword;
        if (at == text.Length) throw new ObjectiveSyntaxException("Expected the text after 'text:', e.g. text:\"a spider\"", text, at);
        tokens.Add(new(ObjectiveTokenKind.Colon, ":", colon));
        string phrase;
        int next;
        if (text[at] is '"' or '\'')
        {
            int close = text.IndexOf(text[at], at + 1);
            if (close < 0) throw new ObjectiveSyntaxException($"The text has no closing {text[at]}", text, at);
            phrase = text[(at + 1)..close].Trim();
            next = close + 1;
        }
        else
        {
            phrase = text[at..].Trim();
            next = text.Length;
        }
        if (phrase.Length == 0) throw new ObjectiveSyntaxException("The text is empty", text, at);
        tokens.Add(new(ObjectiveTokenKind.Text, phrase, at));
        return next;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        return at;
    }
}

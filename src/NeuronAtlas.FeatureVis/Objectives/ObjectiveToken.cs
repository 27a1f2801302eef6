namespace NeuronAtlas.FeatureVis.Objectives;

internal enum ObjectiveTokenKind { Number, Name, Colon, Open, Close, Plus, Minus, Times, Divide, End }

/// <summary>One token of an objective expression and where it starts.</summary>
internal readonly record struct ObjectiveToken(ObjectiveTokenKind Kind, string Text, int Position)
{
    public string Shown => Kind == ObjectiveTokenKind.End ? "the end" : $"'{Text}'";

    /// <summary>Splits an expression into tokens; names are letters, digits, '_' and '.', starting with a letter or '_'.</summary>
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
}

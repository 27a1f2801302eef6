using System.Globalization;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives.Graph;
using Kind = NeuronAtlas.FeatureVis.Objectives.ObjectiveTokenKind;

namespace NeuronAtlas.FeatureVis.Objectives;

/// <summary>
/// Reads objectives written as text, such as <c>layer4:12 + layer4:40 - 0.5*layer3:7</c> or <c>text:"spider" + 0.5*layer4:12</c>.
/// <code>
/// expression := term { ("+" | "-") term }
/// term       := unary { ["*" | "/"] unary }        a bare juxtaposition multiplies: 0.5 layer3:7
/// unary      := ("-" | "+") unary | primary
/// primary    := number | layer ":" channel | text | function | "(" expression ")"
/// text       := "text" ":" ( '"' phrase '"' | "'" phrase "'" | phrase up to the end )
/// function   := "channel" arg | "neuron" arg | "diversity" layerArg
/// arg        := "(" layer ":" channel ")" | layer ":" channel
/// layerArg   := "(" layer ")" | layer
/// </code>
/// <c>layer:c</c> and <c>channel(layer:c)</c> are the mean of channel c over positions; <c>neuron(layer:c)</c> is its
/// value at the centre; <c>diversity(layer)</c> rewards a batch whose items differ; <c>text:"a spider"</c> (CLIP models) is the
/// cosine between the image's CLIP embedding and the phrase's text embedding, which a resolver passed in supplies. Numbers only multiply or divide
/// objectives (or each other); an objective cannot be multiplied by an objective, nor a number added to one.
/// </summary>
public sealed class ObjectiveExpression
{
    /// <summary>The grammar above, for help texts.</summary>
    public const string Syntax =
        "layer:channel (mean over positions), channel(layer:c), neuron(layer:c) (centre position), diversity(layer); " +
        "combine with + and -, weight with numbers: 2*layer4:12 - 0.5 layer3:7, (layer4:1 + layer4:2) / 2. " +
        "CLIP models also take text:\"a spider\" (the cosine between the image's CLIP embedding and the text's), alone or combined: " +
        "text:\"spider\" + 0.5*image_block_4_5:12.";

    /// <summary>The longest phrase a text term takes (CLIP reads at most 77 tokens anyway).</summary>
    public const int MaxTextLength = 200;

    private readonly string _text;
    private readonly List<ObjectiveToken> _tokens;
    private readonly ModelManifest? _manifest;
    private readonly Func<string, float[]>? _textDirection;
    private int _next;

    private ObjectiveExpression(string text, ModelManifest? manifest, Func<string, float[]>? textDirection)
    {
        _text = text;
        _manifest = manifest;
        _textDirection = textDirection;
        _tokens = ObjectiveToken.Split(text);
    }

    /// <summary>Parses <paramref name="text"/>; with a manifest, layer ids and channels are checked against it.</summary>
    /// <param name="textDirection">
    /// For CLIP models, gives a phrase's unit text embedding (called once per text term); null where the model has none,
    /// which makes a text term an error.
    /// </param>
    /// <exception cref="ObjectiveSyntaxException">The text is malformed or names a layer or channel the model lacks.</exception>
    public static LayerObjective Parse(string text, ModelManifest? manifest = null, Func<string, float[]>? textDirection = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ObjectiveExpression(text, manifest, textDirection);
        if (parser.Peek.Kind == Kind.End) throw new ObjectiveSyntaxException("The objective is empty", text, 0);
        var value = parser.ParseSum();
        if (parser.Peek.Kind != Kind.End) throw parser.Error($"Expected '+', '-', '*' or '/' but found {parser.Peek.Shown}", parser.Peek);
        return value.Objective ?? throw new ObjectiveSyntaxException("The expression is a number, not an objective: name a layer, e.g. layer4:12", text, 0);
    }

    private ObjectiveToken Peek => _tokens[_next];

    private ObjectiveToken Take() => _tokens[_next++];

    private Value ParseSum()
    {
        var left = ParseProduct();
        while (Peek.Kind is Kind.Plus or Kind.Minus)
        {
            var op = Take();
            var right = ParseProduct();
            if (left.Objective is null || right.Objective is null)
            {
                if (left.Objective is null && right.Objective is null)
                {
                    left = new Value(null, op.Kind == Kind.Plus ? left.Number + right.Number : left.Number - right.Number, left.Position);
                    continue;
                }
                throw Error($"A number cannot be added to or subtracted from an objective; write a weight with '*', e.g. 2*layer4:12", op);
            }
            left = new Value(op.Kind == Kind.Plus ? left.Objective + right.Objective : left.Objective - right.Objective, 0, left.Position);
        }
        return left;
    }

    private Value ParseProduct()
    {
        var left = ParseUnary();
        while (Peek.Kind is Kind.Times or Kind.Divide or Kind.Number or Kind.Name or Kind.Open)
        {
            var op = Peek.Kind is Kind.Times or Kind.Divide ? Take() : new ObjectiveToken(Kind.Times, "", Peek.Position);
            var right = ParseUnary();
            left = op.Kind == Kind.Divide ? Divide(left, right, op) : Multiply(left, right, op);
        }
        return left;
    }

    private Value Multiply(Value left, Value right, ObjectiveToken op) => (left.Objective, right.Objective) switch
    {
        (null, null) => new Value(null, left.Number * right.Number, left.Position),
        (null, { } o) => new Value(left.Number * o, 0, left.Position),
        ({ } o, null) => new Value(o * right.Number, 0, left.Position),
        _ => throw Error("Two objectives cannot be multiplied; only numbers weight objectives", op),
    };

    private Value Divide(Value left, Value right, ObjectiveToken op)
    {
        if (right.Objective is not null) throw Error("Cannot divide by an objective; only by a number", op);
        if (right.Number == 0) throw Error("Division by zero", op);
        return left.Objective is null ? new Value(null, left.Number / right.Number, left.Position) : new Value(left.Objective / right.Number, 0, left.Position);
    }

    private Value ParseUnary()
    {
        if (Peek.Kind is Kind.Minus or Kind.Plus)
        {
            var sign = Take();
            var operand = ParseUnary();
            if (sign.Kind == Kind.Plus) return operand;
            return operand.Objective is null ? operand with { Number = -operand.Number } : operand with { Objective = -operand.Objective };
        }
        return ParsePrimary();
    }

    private Value ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case Kind.Number:
                if (!float.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !float.IsFinite(number))
                    throw Error($"'{token.Text}' is not a number", token);
                return new Value(null, number, token.Position);
            case Kind.Open:
                var inner = ParseSum();
                Expect(Kind.Close, "')' to close the '(' at position " + (token.Position + 1));
                return inner;
            case Kind.Name when Peek.Kind == Kind.Colon && _tokens[_next + 1].Kind == Kind.Text:
                Take();
                return new Value(LayerObjective.FromTerm(ParseText(token, Take())), 0, token.Position);
            case Kind.Name when Peek.Kind == Kind.Colon:
                _next--;
                return new Value(LayerObjective.FromTerm(ParseReference(SpatialReadout.Mean)), 0, token.Position);
            case Kind.Name:
                return ParseFunction(token);
            default:
                throw Error($"Expected a layer:channel, a number, a function or '(' but found {token.Shown}", token);
        }
    }

    private Value ParseFunction(ObjectiveToken name)
    {
        bool parenthesized = Peek.Kind == Kind.Open;
        if (parenthesized) Take();
        LayerTerm term = name.Text.ToLowerInvariant() switch
        {
            "channel" => ParseReference(SpatialReadout.Mean),
            "neuron" => ParseReference(SpatialReadout.Centre),
            "diversity" => new LayerDiversityTerm(ParseLayer().Id),
            _ => throw Error(KnownLayer(name.Text)
                ? $"Layer '{name.Text}' needs a channel: write {name.Text}:0 (or diversity({name.Text}))"
                : $"Unknown function or layer '{name.Text}'; functions are channel, neuron and diversity{LayerList()}", name),
        };
        if (parenthesized) Expect(Kind.Close, $"')' to close {name.Text}(");
        return new Value(LayerObjective.FromTerm(term), 0, name.Position);
    }

    private LayerChannelTerm ParseReference(SpatialReadout readout)
    {
        var (layerId, layer) = ParseLayer();
        Expect(Kind.Colon, $"':' and a channel after '{layerId}', e.g. {layerId}:0");
        var channelToken = Take();
        if (channelToken.Kind != Kind.Number || !int.TryParse(channelToken.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
            throw Error($"Expected a channel number after '{layerId}:' but found {channelToken.Shown}", channelToken);
        if (layer is not null && channel >= layer.Channels)
            throw Error($"Channel {channel} is outside layer '{layerId}', which has channels 0..{layer.Channels - 1}", channelToken);
        return new LayerChannelTerm(layerId, [channel], readout);
    }

    private TextCosineTerm ParseText(ObjectiveToken keyword, ObjectiveToken phrase)
    {
        if (_textDirection is null)
            throw Error(_manifest is null
                ? "text:\"...\" needs a CLIP model, whose text embedding it compares with the image's"
                : $"Model '{_manifest.Id}' is not a CLIP model, so it has no text embedding; use a layer objective such as {_manifest.Layers[0].Id}:0", keyword);
        if (phrase.Text.Length > MaxTextLength)
            throw Error($"The text is {phrase.Text.Length} characters long; the limit is {MaxTextLength}", phrase);
        return new TextCosineTerm(EmbeddingLayer.Id, phrase.Text, _textDirection(phrase.Text));
    }

    private (string Id, LayerManifest? Layer) ParseLayer()
    {
        var token = Take();
        if (token.Kind != Kind.Name) throw Error($"Expected a layer id but found {token.Shown}{LayerList()}", token);
        if (_manifest is null) return (token.Text, null);
        var layer = _manifest.Layers.FirstOrDefault(l => l.Id == token.Text)
            ?? throw Error($"Model '{_manifest.Id}' has no layer '{token.Text}'{LayerList()}", token);
        return (token.Text, layer);
    }

    private void Expect(Kind kind, string what)
    {
        if (Peek.Kind != kind) throw Error($"Expected {what} but found {Peek.Shown}", Peek);
        Take();
    }

    private bool KnownLayer(string id) => _manifest?.Layers.Any(l => l.Id == id) ?? false;

    private string LayerList() => _manifest is null ? "" : $" (layers: {string.Join(", ", _manifest.Layers.Select(l => l.Id))})";

    private ObjectiveSyntaxException Error(string problem, ObjectiveToken at) => new(problem, _text, at.Position);

    /// <summary>A parsed operand: an objective, or (when Objective is null) a number.</summary>
    private readonly record struct Value(LayerObjective? Objective, float Number, int Position);
}

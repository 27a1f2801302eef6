namespace NeuronAtlas.Web.Model;

/// <summary>The zero-shot class a typographic attack aims for, with its probability before and after.</summary>
/// <param name="Label">The class: a preset's class ("$$$" aims for "piggy bank") or the drawn text when it is a label itself.</param>
public sealed record TypographicTarget(string Label, float Before, float After);

namespace NeuronAtlas.Web.Model;

/// <summary>CLIP's zero-shot classification of an image: the most probable labels of a label set.</summary>
/// <param name="LabelSet">"default" (or the configured shipped set's name), or "custom" for a typed list.</param>
/// <param name="LabelCount">How many labels the probabilities are spread over.</param>
/// <param name="LogitScale">CLIP's exp(logit_scale) that multiplies the cosines before the softmax.</param>
/// <param name="TemplateCount">Prompt templates each label was put into (prompt ensembling).</param>
/// <param name="Top">The most probable labels, most probable first.</param>
public sealed record ZeroShotLabels(string LabelSet, int LabelCount, float LogitScale, int TemplateCount, IReadOnlyList<ZeroShotLabel> Top);

namespace NeuronAtlas.Web.Model;

/// <summary>A neuron whose activation the drawn text changed.</summary>
/// <param name="Before">Its mean activation over positions on the image without the text.</param>
/// <param name="After">The same with the text.</param>
/// <param name="Change">(After - Before) / DatasetMax, the ranking score by magnitude: +1 is a rise as large as its strongest dataset activation.</param>
public sealed record ChangedNeuron(int Index, string? Label, float Before, float After, float DatasetMax, float Change, string Url, string? TopExampleUrl, bool TopExampleFlagged);

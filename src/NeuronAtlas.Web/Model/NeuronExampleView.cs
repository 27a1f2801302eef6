namespace NeuronAtlas.Web.Model;

/// <summary>One of a neuron's top dataset examples, rank 0 first.</summary>
/// <param name="Activation">The neuron's mean activation over positions on this image.</param>
/// <param name="HeatmapUrl">A transparent PNG of where in the image the neuron fires, sized like the thumbnail.</param>
/// <param name="Flagged">Flagged images are shown blurred.</param>
public sealed record NeuronExampleView(
    int Rank,
    string ImageHash,
    float Activation,
    string ImageUrl,
    string HeatmapUrl,
    string ImageLabel,
    bool Flagged,
    int Width,
    int Height);

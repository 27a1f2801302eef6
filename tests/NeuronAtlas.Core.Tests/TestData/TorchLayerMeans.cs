namespace NeuronAtlas.Core.Tests.TestData;

/// <param name="OfPil">Per layer id, per image, torch's channel means on PIL's preprocessing.</param>
/// <param name="OfOurInput">The same on NeuronAtlas's preprocessing of the images.</param>
/// <param name="PilInput">PIL's model input, float [N, 3, H, W].</param>
public sealed record TorchLayerMeans(Dictionary<string, double[][]> OfPil, Dictionary<string, double[][]> OfOurInput, float[] PilInput);

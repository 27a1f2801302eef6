namespace NeuronAtlas.Web.Model;

/// <summary>
/// How many dataset images gave the neuron a mean activation in [Lower, Upper). Lower is null for the open-ended
/// lowest bin and Upper for the highest; a bin with Lower == Upper == 0 counts exact zeros.
/// </summary>
public sealed record HistogramBin(double? Lower, double? Upper, int Count);

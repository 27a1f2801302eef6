namespace NeuronAtlas.Web.Components.Shared;

/// <summary>What a <see cref="NeuronTile"/>'s thumbnail shows.</summary>
public enum NeuronTileImage
{
    /// <summary>The dataset image that excites the neuron most.</summary>
    TopExample,

    /// <summary>The neuron's feature visualization.</summary>
    FeatureVisualization,
}

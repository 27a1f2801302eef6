namespace NeuronAtlas.Web.Visualize;

/// <summary>Where a live render is.</summary>
public enum VisualizeStage
{
    /// <summary>Waiting for a free run slot.</summary>
    Queued,

    /// <summary>Has a slot; loading the model and building its gradient graph (seconds on a CPU the first time).</summary>
    Preparing,

    /// <summary>Taking optimization steps.</summary>
    Optimizing,
}

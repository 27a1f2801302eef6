using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;

namespace NeuronAtlas.Web.Visualize;

/// <summary>A request checked against the bounds, with its model and its objective read (text embeddings included).</summary>
public sealed record PreparedVisualization(VisualizeRequest Request, ModelManifest Manifest, LayerObjective Objective);

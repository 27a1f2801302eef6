namespace NeuronAtlas.Web.Model;

/// <summary>The JSON body of POST /api/visualize; what it leaves out takes the Visualize defaults.</summary>
/// <param name="Model">A model id with a manifest; null for the catalog's first model.</param>
/// <param name="Objective">An objective expression or, for CLIP models, text:"a phrase".</param>
public sealed record VisualizeApiRequest(string? Model, string? Objective, int? Seed, int? Steps, int? Size);

namespace NeuronAtlas.Web.Catalog;

/// <summary>Marks a page or endpoint that reads the catalog: until it is ready, it answers 503 with a "building the atlas" page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresCatalogAttribute : Attribute;

namespace NeuronAtlas.Web.Caching;

/// <summary>
/// Marks a page or endpoint whose successful GET responses depend only on the catalog and the app build:
/// they get a short public Cache-Control, an ETag and Last-Modified, and a 304 when the ETag still matches.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicCacheAttribute : Attribute;

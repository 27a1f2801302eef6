namespace NeuronAtlas.Web.Catalog;

/// <summary>Image bytes served by the site, with their media type.</summary>
public sealed record StoredImage(byte[] Bytes, string ContentType);
